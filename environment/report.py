"""Execute every notebook of notebooks/ headless with our `java` kernel and render an HTML report.

Run by environment/report and environment/test with Debian's /usr/bin/python3 (nbclient, nbconvert).

    report.py [--out DIR] [--keep-going] [--timeout SECONDS] [NOTEBOOK ...]

Writes DIR (default target/report):
    index.html                 status, run time, verdict and outputs of each notebook, plus provenance
    notebooks/NAME.html        the executed notebook rendered (PNG plots and HTML tables embedded)
    notebooks/NAME.ipynb       the executed notebook
    logs/NAME.kernel.log       the kernel's own log for that run

Conventions a notebook follows (see README):
  * a check cell prints one line starting with ``VERDICT:`` (e.g. ``VERDICT: PASS 12/12 checks``);
  * notebook metadata ``"largelr": {"expects": ["image/png", "text/html"]}`` lists the output types it
    must produce; without it a notebook must produce at least one ``image/png`` (a plot).

Without --keep-going the first cell error stops the run (the notebooks rendered so far are kept and the
index says which notebook and cell failed); with it every notebook runs. Exit status 0 only when every
notebook passed. The last line on stdout is ``notebooks: N passed, M failed[, K skipped]``.
"""

import argparse
import asyncio
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
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
JUPYTER_DATA = ROOT / "target" / "jupyter"
KERNEL_NAME = "java"
DEFAULT_EXPECTS = ["image/png"]
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# A cell may run this long (seconds). The kernel is told a little less (RJK_TIMEOUT_MILLIS) so that its
# own timeout fires first and the cell shows a clean error instead of nbclient's interrupt.
DEFAULT_CELL_TIMEOUT = int(os.environ.get("LARGELR_CELL_TIMEOUT", "600"))
# Once its ports listen, a healthy kernel answers within a second; see JavaKernelClient for why a start
# can hang for good (a fresh kernel is the only cure). So give up on a silent kernel fast and retry, with
# a longer wait each time in case the machine is just slow.
STARTUP_TIMEOUTS = (4, 8, 16, 32, 60)
KERNEL_BIND_TIMEOUT = 120    # JVM start until the kernel's ports listen (slow on a loaded machine)


def log(msg, end="\n"):
    print(msg, end=end, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------- provenance

def _run(cmd, cwd=ROOT):
    try:
        r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60)
        return (r.stdout + r.stderr).strip() if r.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def _project_version(spec):
    """Implementation-Version of the jar the kernels ran, else the version in pom.xml."""
    try:
        with zipfile.ZipFile(spec["env"]["RJK_CLASSPATH"]) as z:
            m = re.search(r"^Implementation-Version:\s*(\S+)", z.read("META-INF/MANIFEST.MF").decode(), re.M)
        if m:
            return m.group(1)
    except (OSError, KeyError, zipfile.BadZipFile):
        pass
    text = (ROOT / "pom.xml").read_text()
    m = re.search(r"<artifactId>largelr</artifactId>\s*<version>([^<]+)</version>", text)
    return m.group(1).strip() if m else "?"


def _kernelspec():
    path = JUPYTER_DATA / "kernels" / KERNEL_NAME / "kernel.json"
    return path, json.loads(path.read_text())


def _kernel_version(spec):
    """The version the kernel jar itself declares (its Maven pom.properties), not what we asked for."""
    jar = next((a for a in spec["argv"] if a.endswith(".jar")), None)
    try:
        with zipfile.ZipFile(jar) as z:
            props = z.read("META-INF/maven/io.github.padreati/rapaio-jupyter-kernel/pom.properties").decode()
        m = re.search(r"^version=(.+)$", props, re.M)
        return m.group(1).strip() if m else "?"
    except (OSError, KeyError, TypeError, zipfile.BadZipFile):
        return spec.get("metadata", {}).get("largelr", {}).get("kernel_version", "?")


def provenance(spec):
    commit = _run(["git", "rev-parse", "HEAD"]) or "no commit"
    if commit != "no commit" and _run(["git", "status", "--porcelain", "--untracked-files=no"]):
        commit += " (with uncommitted changes)"
    java = spec["argv"][0]
    jv = _run([java, "-version"]) or "?"
    return {
        "git commit": commit,
        "library": "org.largelr:largelr %s" % _project_version(spec),
        "java": jv.splitlines()[0] if jv else "?",
        "kernel": "rapaio-jupyter-kernel %s (kernelspec '%s', %s)" % (
            _kernel_version(spec), KERNEL_NAME, spec.get("display_name", "")),
        "nbclient / nbconvert": "%s / %s" % (_module_version("nbclient"), _module_version("nbconvert")),
        "date (UTC)": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
    }


def _module_version(name):
    try:
        return __import__(name).__version__
    except Exception:  # noqa: BLE001 - provenance must never stop the report
        return "?"


# ------------------------------------------------------------------------------------------ running

def _listening_ports():
    """TCP ports in LISTEN state on this machine (Linux /proc), or None where that cannot be read."""
    ports = set()
    try:
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            if not os.path.exists(table):
                continue
            with open(table) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    if parts[3] == "0A":
                        ports.add(int(parts[1].rsplit(":", 1)[1], 16))
    except (OSError, ValueError, IndexError):
        return None
    return ports


class JavaKernelClient(NotebookClient):
    """NotebookClient that lets the rapaio kernel finish starting before talking to it.

    Two start-up faults of rapaio-jupyter-kernel 3.0.x, seen here:
    * it binds its sockets before it installs its message handlers, and a request landing in between
      kills its shell thread (NullPointerException in Channels.getHandler). jupyter_client queues
      kernel_info requests from the moment the kernel is launched, so under load they can land there.
      We wait until all five ports listen, and a moment more, before opening the client's channels.
    * in one start in five or so its shell socket never reports a message (no error, no log line;
      the shell thread keeps polling; a second client does not help).
      Only a fresh kernel helps: run_notebook gives up on a silent kernel after a few seconds
      (STARTUP_TIMEOUTS) and starts another, as long as no cell has run. Waiting longer before
      connecting makes this worse, not better, hence the short settle time.
    """

    settle_seconds = 0.3

    async def async_start_new_kernel(self, **kwargs):
        await super().async_start_new_kernel(**kwargs)
        info = self.km.get_connection_info()
        wanted = {info[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")}
        deadline = time.monotonic() + KERNEL_BIND_TIMEOUT
        while time.monotonic() < deadline:
            ports = _listening_ports()
            if ports is None:
                await asyncio.sleep(3)          # cannot see the sockets: just give it time
                break
            if wanted <= ports:
                break
            if not await ensure_async(self.km.is_alive()):
                break                           # the start failed; nbclient reports it
            await asyncio.sleep(0.1)
        await asyncio.sleep(self.settle_seconds)


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


def find_verdict(nb):
    """The last line starting with VERDICT: that any cell printed, returned or threw."""
    verdict = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts = []
            if out.get("output_type") == "stream":
                texts.append(out.get("text", ""))
            texts.append(out.get("data", {}).get("text/plain", ""))
            if out.get("output_type") == "error":   # Verdict.conclude throws "VERDICT: FAIL ..."
                texts.append(out.get("evalue", ""))
                texts.extend(out.get("traceback", []))
            for text in texts:
                for line in ANSI.sub("", text if isinstance(text, str) else "".join(text)).splitlines():
                    if line.strip().startswith("VERDICT:"):
                        verdict = line.strip()
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


def run_notebook(path, out_dir, timeout):
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
        for attempt, startup_timeout in enumerate(STARTUP_TIMEOUTS, start=1):
            current["index"] = None
            client = JavaKernelClient(
                nb,
                timeout=timeout,
                startup_timeout=startup_timeout,
                kernel_name=KERNEL_NAME,
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
                break
            except Exception as e:  # noqa: BLE001 - any failure is reported against the notebook
                started = current["index"] is not None
                if not started and attempt < len(STARTUP_TIMEOUTS):
                    # Nothing ran yet: the kernel failed to start. A new kernel costs seconds; try again.
                    kernel_log.write("\n[report.py] start %d: %s; starting a new kernel\n"
                                     % (attempt, describe_exception(e, timeout)))
                    kernel_log.flush()
                    log("(kernel silent, restarting) ", end="")
                    continue
                o.status = "failed"
                idx = current["index"]
                if idx is not None:
                    cell = nb.cells[idx]
                    o.failed_cell = (idx + 1, first_line(cell.source))
                    o.error = error_of(cell)
                if o.error is None:
                    o.error = describe_exception(e, timeout)
                    if not started:
                        o.error = "the kernel never answered (%d starts; see its log): %s" % (attempt, o.error)
                break
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

def snapshot_kernel(spec):
    """Run every notebook against one copy of largelr.jar, under a kernelspec of the same name that
    JUPYTER_PATH puts first: a rebuild of target/largelr.jar during the run (mvn package in another
    shell) can then neither break a running kernel nor mix two builds in one report."""
    snap = ROOT / "target" / "report-kernel"
    if snap.exists():
        shutil.rmtree(snap)
    spec_dir = snap / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    jar = snap / "largelr.jar"
    shutil.copy2(spec["env"]["RJK_CLASSPATH"], jar)
    try:
        zipfile.ZipFile(jar).close()
    except (OSError, zipfile.BadZipFile) as e:
        sys.exit("report: %s is not a readable jar (%s); is a build running? Try again." % (
            spec["env"]["RJK_CLASSPATH"], e))
    spec = json.loads(json.dumps(spec))
    spec["env"]["RJK_CLASSPATH"] = str(jar)
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(snap), os.environ["JUPYTER_PATH"]])
    return spec


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb)")
    ap.add_argument("--out", default=str(ROOT / "target" / "report"))
    ap.add_argument("--keep-going", action="store_true", help="run every notebook even after a failure")
    ap.add_argument("--timeout", type=int, default=DEFAULT_CELL_TIMEOUT, help="seconds per cell")
    args = ap.parse_args(argv)

    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(JUPYTER_DATA)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])
    os.environ["RJK_TIMEOUT_MILLIS"] = str(max(1, args.timeout - 5) * 1000)

    spec_path, spec = _kernelspec()
    spec = snapshot_kernel(spec)
    paths = [Path(p).resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        log("report: no notebooks in %s" % NOTEBOOKS)
    out_dir = Path(args.out)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "notebooks").mkdir(parents=True)
    (out_dir / "logs").mkdir()
    prov = provenance(spec)

    outcomes = [Outcome(p) for p in paths]
    stopped_early = False
    for i, o in enumerate(outcomes):
        log("[%d/%d] %s ... " % (i + 1, len(outcomes), o.path.name), end="")
        done = run_notebook(o.path, out_dir, args.timeout)
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
