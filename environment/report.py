"""Execute every notebook of notebooks/ headless with our `java` kernel and render an HTML report.

Run by environment/report and environment/test with Debian's /usr/bin/python3 (nbclient, nbconvert).

    report.py [--out DIR] [--keep-going] [--timeout SECONDS] [--kernel NAME] [NOTEBOOK ...]

Without --kernel every notebook runs with ours, `java` in target/jupyter (rapaio, started through
environment/kernel-supervisor.py, which restarts a kernel that comes up deaf), whatever the notebooks'
metadata and the user's own kernelspecs say. --kernel NAME runs them with the kernelspec NAME as the
user's Jupyter finds it, e.g. an IJava or JJava kernel they installed (see kernelspecs.py).

Writes DIR (default target/report):
    index.html                 status, run time, verdict and outputs of each notebook, plus provenance
    notebooks/NAME.html        the executed notebook rendered (PNG plots and HTML tables embedded)
    notebooks/NAME.ipynb       the executed notebook
    logs/NAME.kernel.log       the kernel's own log for that run

Conventions a notebook follows (see README):
  * a check cell prints one line starting with ``VERDICT:`` (e.g. ``VERDICT: PASS 12/12 checks``), or
    fails with an error whose name, value or traceback holds ``VERDICT: FAIL ...`` (as each kernel words
    an exception: rapaio ``EvalException``, IJava the exception's class, JJava ``RuntimeException`` with
    ``evalue = "java.lang.AssertionError, VERDICT: FAIL ..."``);
  * notebook metadata ``"largelr": {"expects": ["image/png", "text/html"]}`` lists the output types it
    must produce; without it a notebook must produce at least one ``image/png`` (a plot).

Without --keep-going the first cell error stops the run (the notebooks rendered so far are kept and the
index says which notebook and cell failed); with it every notebook runs. Exit status 0 only when every
notebook passed. The last line on stdout is ``notebooks: N passed, M failed[, K skipped]``.
"""

import argparse
import atexit
import datetime
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
import kernelspecs
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
JUPYTER_DATA = kernelspecs.JUPYTER_DATA
KERNEL_NAME = kernelspecs.OURS   # also the name the notebooks' metadata gives
DEFAULT_EXPECTS = ["image/png"]
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
VERDICT = "VERDICT:"

# A cell may run this long (seconds). The kernel is told a little less (RJK_TIMEOUT_MILLIS) so that its
# own timeout fires first and the cell shows a clean error instead of nbclient's interrupt.
DEFAULT_CELL_TIMEOUT = int(os.environ.get("LARGELR_CELL_TIMEOUT", "600"))
# From launch until the kernel answers. Our `java` kernel's supervisor restarts a deaf kernel itself
# (up to 10 starts, each allowed a slow JVM start) and exits when it gives up, which ends the wait early.
STARTUP_TIMEOUT = 300


def log(msg, end="\n"):
    print(msg, end=end, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------- provenance

def _run(cmd, cwd=ROOT):
    try:
        r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60)
        return (r.stdout + r.stderr).strip() if r.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


class Kernel:
    """The kernelspec the notebooks run with: ours (`java`, rapaio) or one the user has (--kernel)."""

    def __init__(self, name, resource_dir, ours):
        self.name = name
        self.dir = resource_dir
        self.spec = json.loads((self.dir / "kernel.json").read_text())
        self.ours = ours

    def argv(self):
        return [a.replace("{resource_dir}", str(self.dir)) for a in self.spec.get("argv", [])]

    def java(self):
        """The java executable the kernel command runs, if it names one."""
        return next((a for a in self.argv() if os.path.basename(a) == "java"), None)

    def rapaio_version(self):
        """The version rapaio's jar declares (its Maven pom.properties), or None for another kernel."""
        for jar in (a for a in self.argv() if a.endswith(".jar")):
            try:
                with zipfile.ZipFile(jar) as z:
                    props = z.read("META-INF/maven/io.github.padreati/rapaio-jupyter-kernel/pom.properties")
            except (OSError, KeyError, zipfile.BadZipFile):
                continue
            m = re.search(r"^version=(.+)$", props.decode(), re.M)
            return m.group(1).strip() if m else "?"
        return None

    def largelr_jar(self):
        """The largelr jar the kernel gets on its classpath (RJK_/IJAVA_/JJAVA_CLASSPATH, CLASSPATH, from
        the spec's env or ours), or None when none of those names one."""
        env = dict(os.environ)
        env.update(self.spec.get("env", {}))
        for var in ("RJK_CLASSPATH", "IJAVA_CLASSPATH", "JJAVA_CLASSPATH", "CLASSPATH"):
            for entry in env.get(var, "").split(os.pathsep):
                if os.path.basename(entry).startswith("largelr") and entry.endswith(".jar"):
                    return entry
        return None


def _project_version(jar):
    """Implementation-Version of the jar the kernels ran (None: not known), else the version in pom.xml."""
    try:
        if jar:
            with zipfile.ZipFile(jar) as z:
                manifest = z.read("META-INF/MANIFEST.MF").decode()
            m = re.search(r"^Implementation-Version:\s*(\S+)", manifest, re.M)
            if m:
                return m.group(1)
    except (OSError, KeyError, zipfile.BadZipFile):
        pass
    text = (ROOT / "pom.xml").read_text()
    m = re.search(r"<artifactId>largelr</artifactId>\s*<version>([^<]+)</version>", text)
    return (m.group(1).strip() if m else "?") + " (pom.xml; no largelr jar named in the kernel's classpath)"


def provenance(kernel):
    commit = _run(["git", "rev-parse", "HEAD"]) or "no commit"
    if commit != "no commit" and _run(["git", "status", "--porcelain", "--untracked-files=no"]):
        commit += " (with uncommitted changes)"
    java = kernel.java()
    jv = _run([java, "-version"]) if java else None
    prov = {
        "git commit": commit,
        "library": "org.largelr:largelr %s" % _project_version(kernel.largelr_jar()),
        "java": jv.splitlines()[0] if jv else "?",
        "kernel": "kernelspec '%s' (%s) from %s" % (kernel.name, kernel.spec.get("display_name", ""), kernel.dir),
        "kernel command": " ".join(kernel.argv()),
    }
    rv = kernel.rapaio_version()
    if rv:
        prov["kernel version"] = "rapaio-jupyter-kernel %s" % rv
    prov["nbclient / nbconvert"] = "%s / %s" % (_module_version("nbclient"), _module_version("nbconvert"))
    prov["date (UTC)"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    return prov


def _module_version(name):
    try:
        return __import__(name).__version__
    except Exception:  # noqa: BLE001 - provenance must never stop the report
        return "?"


# ------------------------------------------------------------------------------------------ running

class Outcome:
    def __init__(self, path):
        self.path = path
        self.name = path.stem
        self.status = "skipped"      # passed | failed | skipped
        self.seconds = None
        self.error = None            # one line: what went wrong
        self.failed_cell = None      # (1-based position, first source line)
        self.verdict = None
        self.counts = {}
        self.expects = list(DEFAULT_EXPECTS)
        self.java_version = None


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()
    return "(empty cell)"


def output_counts(nb):
    counts = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for mime in out.get("data", {}):
                counts[mime] = counts.get(mime, 0) + 1
    return counts


def _plain_lines(text):
    return ANSI.sub("", text if isinstance(text, str) else "".join(text)).splitlines()


def verdict_of(out):
    """The VERDICT line one output carries, or None.

    Printed or returned: a line that starts with ``VERDICT:``. Thrown: the first line of the error's
    evalue, traceback or ename that holds ``VERDICT:``, from there on, wherever the kernel put it
    (rapaio: evalue ``VERDICT: FAIL ...``; IJava: traceback ``java.lang.AssertionError: VERDICT: FAIL
    ...``; JJava: evalue ``java.lang.AssertionError, VERDICT: FAIL ...``)."""
    if out.get("output_type") == "error":
        for text in [out.get("evalue", "")] + list(out.get("traceback", [])) + [out.get("ename", "")]:
            for line in _plain_lines(text):
                at = line.find(VERDICT)
                if at >= 0:
                    return line[at:].strip()
        return None
    found = None
    texts = [out.get("text", "")] if out.get("output_type") == "stream" else []
    texts.append(out.get("data", {}).get("text/plain", ""))
    for text in texts:
        for line in _plain_lines(text):
            if line.strip().startswith(VERDICT):
                found = line.strip()
    return found


def find_verdict(nb):
    """The last VERDICT line that any cell printed, returned or threw (see verdict_of)."""
    verdict = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            verdict = verdict_of(out) or verdict
    return verdict


def error_of(cell):
    """``ename: evalue`` of the cell's error, or the gist of its traceback when evalue is empty
    (rapaio reports compile errors that way: message lines, plus ``|``-prefixed source echoes)."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            detail = ANSI.sub("", out.get("evalue", "")).strip()
            if not detail:
                lines = ANSI.sub("", "\n".join(out.get("traceback", []))).splitlines()
                lines = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("|")]
                detail = re.sub(r"\s+", " ", " / ".join(lines))
            detail = re.sub(r"\s+", " ", detail)
            if len(detail) > 240:
                detail = detail[:237] + "..."
            return "%s: %s" % (out.get("ename", "error"), detail)
    return None


def _forget_client(client):
    """Shut the kernel down if nbclient left it up, and drop nbclient's atexit hook for this client
    (it asserts on a client whose start failed and prints a traceback at exit)."""
    try:
        if getattr(client, "km", None) is not None:
            client._cleanup_kernel()
    except Exception:  # noqa: BLE001 - best effort: the process is about to move on
        pass
    atexit.unregister(client._cleanup_kernel)


def describe_exception(e, timeout):
    if isinstance(e, CellTimeoutError):
        return "timeout: the cell ran longer than %d s (--timeout, LARGELR_CELL_TIMEOUT)" % timeout
    if isinstance(e, DeadKernelError):
        return "the kernel died (see its log)"
    lines = ANSI.sub("", str(e)).strip().splitlines()
    return "%s: %s" % (type(e).__name__, lines[-1] if lines else "")


def run_notebook(path, out_dir, timeout, kernel):
    o = Outcome(path)
    nb = nbformat.read(str(path), as_version=4)
    meta = nb.metadata.get("largelr", {})
    if "expects" in meta:
        o.expects = list(meta["expects"])
    current = {"index": None}

    def on_cell_start(cell, cell_index, **_):
        current["index"] = cell_index

    log_path = out_dir / "logs" / (o.name + ".kernel.log")
    t0 = time.monotonic()
    with open(log_path, "w") as kernel_log:
        client = NotebookClient(
            nb,
            timeout=timeout,
            startup_timeout=STARTUP_TIMEOUT,
            kernel_name=kernel.name,
            allow_errors=False,
            record_timing=False,      # no wall-clock stamps in the saved notebooks: reruns diff clean
            interrupt_on_timeout=False,
            shutdown_kernel="immediate",   # outputs are in; a graceful rapaio shutdown takes seconds
            resources={"metadata": {"path": str(NOTEBOOKS)}},  # the kernel's working directory
            on_cell_start=on_cell_start,
        )
        try:
            client.execute(stdout=kernel_log, stderr=kernel_log)
            o.status = "passed"
        except Exception as e:  # noqa: BLE001 - any failure is reported against the notebook
            o.status = "failed"
            idx = current["index"]
            if idx is not None:
                cell = nb.cells[idx]
                o.failed_cell = (idx + 1, first_line(cell.source))
                o.error = error_of(cell)
            if o.error is None:
                o.error = describe_exception(e, timeout)
                if idx is None:
                    o.error = "the kernel '%s' never answered (see its log%s): %s" % (
                        kernel.name, ", where the supervisor says why" if kernel.ours else "", o.error)
        finally:
            _forget_client(client)
    o.seconds = time.monotonic() - t0
    # The kernel logs its connection file; the report may be published, so drop the signing key.
    log_text = log_path.read_text(errors="replace")
    log_path.write_text(re.sub(r'("key"\s*:\s*")[^"]*(")', r"\1(removed)\2", log_text))
    if o.error and "EvaluationTimeoutException" in o.error:
        o.error += " (the per-cell limit is %d s: raise it with --timeout or LARGELR_CELL_TIMEOUT)" % timeout
    o.java_version = nb.metadata.get("language_info", {}).get("version")
    o.counts = output_counts(nb)
    o.verdict = find_verdict(nb)
    if o.status == "passed":
        missing = [m for m in o.expects if o.counts.get(m, 0) == 0]
        if missing:
            o.status = "failed"
            o.error = "no %s output (the notebook's expected outputs: %s)" % (
                " and no ".join(missing), ", ".join(o.expects) or "none")

    # Write what we have even after a failure: the error is visible in the rendered notebook.
    nb_dir = out_dir / "notebooks"
    nbformat.write(nb, str(nb_dir / path.name))
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": o.name}})
    (nb_dir / (o.name + ".html")).write_text(body, encoding="utf-8")
    return o


# ------------------------------------------------------------------------------------------ the index

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:70rem;color:#1f2328}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa} td.num{text-align:right;font-variant-numeric:tabular-nums}
.passed{color:#1a7f37;font-weight:600}.failed{color:#cf222e;font-weight:600}.skipped{color:#9a6700}
code{background:#f6f8fa;padding:0 .2rem;border-radius:3px} .err{color:#cf222e;font-size:.9em}
dl.prov{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem} dl.prov dt{font-weight:600}
"""


def write_index(out_dir, outcomes, prov, stopped_early):
    e = html.escape
    rows = []
    for o in outcomes:
        links = "—"
        if o.status != "skipped":
            links = '<a href="notebooks/%s.html">page</a> · <a href="notebooks/%s">ipynb</a> · ' \
                    '<a href="logs/%s.kernel.log">kernel log</a>' % (e(o.name), e(o.path.name), e(o.name))
        detail = ""
        if o.failed_cell:
            detail += '<div class="err">cell %d: <code>%s</code></div>' % (o.failed_cell[0], e(o.failed_cell[1]))
        if o.error:
            detail += '<div class="err">%s</div>' % e(o.error)
        outputs = ", ".join("%s×%d" % (m, o.counts[m]) for m in ("image/png", "text/html") if o.counts.get(m))
        verdict = e(o.verdict) if o.verdict else ("<i>no check cell</i>" if o.status != "skipped" else "")
        rows.append(
            "<tr><td><b>%s</b>%s</td><td class=\"%s\">%s</td><td class=\"num\">%s</td><td>%s</td>"
            "<td>%s</td><td>%s</td></tr>" % (
                e(o.name), detail, o.status, "not run" if o.status == "skipped" else o.status,
                "%.1f s" % o.seconds if o.seconds is not None else "", verdict, e(outputs) or "—", links))
    passed = sum(o.status == "passed" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    skipped = sum(o.status == "skipped" for o in outcomes)
    summary = "%d passed, %d failed" % (passed, failed) + (", %d not run" % skipped if skipped else "")
    if stopped_early:
        summary += " — stopped at the first failing notebook"
    prov_html = "".join("<dt>%s</dt><dd>%s</dd>" % (e(k), e(v)) for k, v in prov.items())
    page = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>largelr notebooks</title><style>%s</style></head>
<body>
<h1>largelr — notebooks</h1>
<p>Reproducing <i>Large Learning Rate Tames Homogeneity</i>: every notebook of <code>notebooks/</code>, executed
headless in name order. <b>%s</b>.</p>
<table><thead><tr><th>notebook</th><th>status</th><th>run time</th><th>verdict</th><th>outputs</th>
<th>files</th></tr></thead><tbody>
%s
</tbody></table>
<h2>Provenance</h2>
<dl class="prov">%s</dl>
</body></html>
""" % (STYLE, e(summary), "\n".join(rows), prov_html)
    (out_dir / "index.html").write_text(page, encoding="utf-8")


# ------------------------------------------------------------------------------------------ main

def snapshot_kernel(kernel):
    """Run every notebook against one copy of largelr.jar, under a kernelspec of the same name that
    JUPYTER_PATH puts first: a rebuild of target/largelr.jar during the run (mvn package in another
    shell) can then neither break a running kernel nor mix two builds in one report. Ours only: another
    kernel's classpath is the user's to set."""
    spec = json.loads(json.dumps(kernel.spec))
    source = spec["env"]["RJK_CLASSPATH"]
    snap = ROOT / "target" / "report-kernel"
    if snap.exists():
        shutil.rmtree(snap)
    spec_dir = snap / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    jar = snap / "largelr.jar"
    shutil.copy2(source, jar)
    try:
        zipfile.ZipFile(jar).close()
    except (OSError, zipfile.BadZipFile) as e:
        sys.exit("report: %s is not a readable jar (%s); is a build running? Try again." % (source, e))
    spec["env"]["RJK_CLASSPATH"] = str(jar)
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(snap), os.environ["JUPYTER_PATH"]])
    return Kernel(KERNEL_NAME, spec_dir, True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb)")
    ap.add_argument("--out", default=str(ROOT / "target" / "report"))
    ap.add_argument("--keep-going", action="store_true", help="run every notebook even after a failure")
    ap.add_argument("--timeout", type=int, default=DEFAULT_CELL_TIMEOUT, help="seconds per cell")
    ap.add_argument("--kernel", metavar="NAME",
                    help="a kernelspec of yours to run the notebooks with instead of ours, e.g. IJava's or "
                         "JJava's (`jupyter kernelspec list` shows the names)")
    args = ap.parse_args(argv)
    if args.timeout < 1:
        ap.error("--timeout must be at least 1 second, got %d" % args.timeout)

    try:
        kernel = Kernel(*kernelspecs.use_kernel(args.kernel))
    except SystemExit as e:
        sys.exit("report: %s" % e)
    if kernel.ours:
        # rapaio's own per-cell limit, a little under ours so that it fires first with a clean error;
        # any other kernel has only nbclient's (--timeout).
        os.environ["RJK_TIMEOUT_MILLIS"] = str(max(1, args.timeout - 5) * 1000)
        kernel = snapshot_kernel(kernel)
    paths = [Path(p).resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        log("report: no notebooks in %s" % NOTEBOOKS)
    out_dir = Path(args.out)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "notebooks").mkdir(parents=True)
    (out_dir / "logs").mkdir()
    prov = provenance(kernel)
    log("kernel: %s" % prov["kernel"])

    outcomes = [Outcome(p) for p in paths]
    stopped_early = False
    for i, o in enumerate(outcomes):
        log("[%d/%d] %s ... " % (i + 1, len(outcomes), o.path.name), end="")
        done = run_notebook(o.path, out_dir, args.timeout, kernel)
        outcomes[i] = done
        line = "%s in %.1f s" % (done.status, done.seconds)
        if done.verdict:
            line += " — " + done.verdict
        if done.status == "failed":
            where = (" in cell %d (%s)" % done.failed_cell) if done.failed_cell else ""
            line += " — FAILED%s: %s" % (where, done.error)
        log(line)
        if done.java_version:
            prov["java (in kernel)"] = done.java_version
        write_index(out_dir, outcomes, prov, False)   # keep the index current after every notebook
        if done.status == "failed" and done.failed_cell and not args.keep_going:
            stopped_early = i + 1 < len(outcomes)
            break

    write_index(out_dir, outcomes, prov, stopped_early)
    failed = [o for o in outcomes if o.status == "failed"]
    passed = sum(o.status == "passed" for o in outcomes)
    skipped = sum(o.status == "skipped" for o in outcomes)
    log("report: %s" % (out_dir / "index.html"))
    for o in failed:
        where = (" cell %d `%s`" % o.failed_cell) if o.failed_cell else ""
        log("FAILED: notebook %s%s: %s" % (o.path.name, where, o.error))
    print("notebooks: %d passed, %d failed%s" % (passed, len(failed), ", %d skipped" % skipped if skipped else ""))
    return 1 if failed or not outcomes else 0


if __name__ == "__main__":
    sys.exit(main())
