"""Tests of bin/largelr, the launcher with a class-data archive, against `java -jar target/largelr.jar`.

Run by environment/test after `mvn install` has built the jar (skipped when there is no jar yet). The launcher
promises the same output and exit status as the plain command; its archive must really be used by the JVM
(`-Xshare:on` makes a JVM refuse to start when the archive does not map) and be remade when the jar is newer.
"""

import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "target" / "largelr.jar"
LAUNCHER = ROOT / "bin" / "largelr"
SWEEP = ["sweep", "--scalar", "--mu", "1", "--h", "0.1,0.5,1.9", "--x0-from", "0.1", "--x0-to", "3",
         "--x0-count", "7", "--y0", "0.5", "--max-steps", "3000", "--quiet"]


@unittest.skipUnless(JAR.is_file(), "no target/largelr.jar yet (built by mvn install)")
class LauncherTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # A private copy of the jar, so the archive made here never races another user of target/.
        cls.dir = Path(tempfile.mkdtemp(prefix="largelr-launcher-"))
        cls.jar = cls.dir / "largelr.jar"
        shutil.copy2(JAR, cls.jar)
        cls.env = dict(os.environ, LARGELR_JAR=str(cls.jar))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def launch(self, *args, env=None):
        return subprocess.run([str(LAUNCHER), *args], env=env or self.env, capture_output=True, text=True,
                              timeout=300)

    def plain(self, *args):
        return subprocess.run(["java", "-jar", str(self.jar), *args], capture_output=True, text=True, timeout=300)

    def test_same_rows_as_the_plain_command_and_the_archive_maps(self):
        ours, theirs = self.dir / "launcher.csv", self.dir / "plain.csv"
        first = self.launch(*SWEEP, "--out", str(ours))
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertTrue(Path(str(self.jar) + ".jsa").is_file(), "the launcher made no archive: " + first.stderr)
        plain = self.plain(*SWEEP, "--out", str(theirs))
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertEqual(ours.read_bytes(), theirs.read_bytes())
        # -Xshare:on (after the launcher's -Xshare:auto) fails the start if the archive does not map.
        strict = self.launch(*SWEEP, "--out", str(self.dir / "strict.csv"),
                             env=dict(self.env, LARGELR_JAVA_OPTS="-Xshare:on"))
        self.assertEqual(strict.returncode, 0, strict.stderr)
        self.assertEqual((self.dir / "strict.csv").read_bytes(), theirs.read_bytes())

    def test_bad_input_exits_2_with_the_same_line(self):
        bad = ["sweep", "--scalar", "--mu", "-1", "--h", "0.1", "--x0", "1", "--y0", "1", "--out",
               str(self.dir / "bad.csv")]
        ours, plain = self.launch(*bad), self.plain(*bad)
        self.assertEqual(ours.returncode, 2)
        self.assertEqual(plain.returncode, 2)
        self.assertEqual(ours.stderr.splitlines()[-1], plain.stderr.splitlines()[-1])

    def test_a_newer_jar_gets_a_new_archive(self):
        archive = Path(str(self.jar) + ".jsa")
        self.assertEqual(self.launch("--help").returncode, 0)
        self.assertTrue(archive.is_file())
        old = archive.stat().st_mtime
        os.utime(self.jar, (old + 10, old + 10))
        self.assertEqual(self.launch("--help").returncode, 0)
        self.assertGreater(archive.stat().st_mtime, old, "the archive was not remade for a newer jar")


if __name__ == "__main__":
    unittest.main()
