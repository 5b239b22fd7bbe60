"""Execute every notebook of notebooks/ headless with our `java` kernel and render an HTML report.

Run by environment/report and environment/test with Debian's /usr/bin/python3 (nbclient, nbconvert).

    report.py [--out DIR] [--keep-going] [--timeout SECONDS] [--kernel NAME] [--jobs N]
              [--refresh | --check-committed] [NOTEBOOK ...]

Without --kernel every notebook runs with ours, `java` in target/jupyter (rapaio, started through
environment/kernel-supervisor.py, which restarts a kernel that comes up deaf), whatever the notebooks'
metadata and the user's own kernelspecs say. --kernel NAME runs them with the kernelspec NAME as the
user's Jupyter finds it, e.g. an IJava or JJava kernel they installed (see kernelspecs.py).

Writes DIR (default target/report):
    index.html                 a thumbnail of each notebook's main figure, its status, run time, verdict
                               and outputs, plus provenance
    thumbs/NAME.png            that thumbnail (see "main figure" below)
    notebooks/NAME.html        the executed notebook rendered (PNG plots and HTML tables embedded)
    notebooks/NAME.ipynb       the executed notebook
    logs/NAME.kernel.log       the kernel's own log for that run

Conventions a notebook follows (see README):
  * a check cell prints one line starting with ``VERDICT:`` (e.g. ``VERDICT: PASS 12/12 checks``), or
    fails with an error whose name, value or traceback holds ``VERDICT: FAIL ...`` (as each kernel words
    an exception: rapaio ``EvalException``, IJava the exception's class, JJava ``RuntimeException`` with
    ``evalue = "java.lang.AssertionError, VERDICT: FAIL ..."``);
  * notebook metadata ``"largelr": {"expects": ["image/png", "text/html"]}`` lists the output types it
    must produce; without it a notebook must produce at least one ``image/png`` (a plot);
  * its main figure, the index's thumbnail, is the first image/png of the one code cell whose metadata
    tags include ``main-figure`` (Jupyter: View > Cell Toolbar > Tags); with no tagged cell, the last
    image/png of the notebook. A tagged cell without an image/png, or two tagged cells, fail the notebook.

Committed outputs: the notebooks in notebooks/ are committed executed, so that a reader browsing the
repository sees the plots. --refresh writes each passing run back into notebooks/ (outputs and execution
counts only; the notebook's metadata is cut to what the run does not change, see normalized()), so that
a refresh of unchanged notebooks changes no byte. --check-committed (environment/test) fails a notebook
whose committed copy has no outputs, or whose committed VERDICT lines or per-cell output kinds differ
from the fresh run's: run ``environment/report --refresh`` and commit.

Without --keep-going the first cell error stops the run (the notebooks rendered so far are kept and the
index says which notebook and cell failed); with it every notebook runs. Exit status 0 only when every
notebook passed. The last line on stdout is ``notebooks: N passed, M failed[, K skipped]``.
"""

import argparse
import atexit
import base64
import concurrent.futures
import copy
import datetime
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
import kernelspecs
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter
from html.parser import HTMLParser
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
JUPYTER_DATA = kernelspecs.JUPYTER_DATA
KERNEL_NAME = kernelspecs.OURS   # also the name the notebooks' metadata gives
DEFAULT_EXPECTS = ["image/png"]
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
VERDICT = "VERDICT:"
MAIN_FIGURE_TAG = "main-figure"
THUMB_BOX = (360, 240)           # a thumbnail fits in this many pixels, aspect kept
REFRESH_HINT = "run `environment/report --refresh` and commit notebooks/"

# A cell may run this long (seconds). The kernel is told a little less (RJK_TIMEOUT_MILLIS) so that its
# own timeout fires first and the cell shows a clean error instead of nbclient's interrupt.
DEFAULT_CELL_TIMEOUT = int(os.environ.get("LARGELR_CELL_TIMEOUT", "600"))
# From launch until the kernel answers. Our `java` kernel's supervisor restarts a deaf kernel itself
# (up to 10 starts, each allowed a slow JVM start) and exits when it gives up, which ends the wait early.
STARTUP_TIMEOUT = 300
DEFAULT_JOBS = int(os.environ.get("LARGELR_REPORT_JOBS", "2"))


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
        self.thumb = None            # thumbs/NAME.png, relative to the report dir, once written
        self.figure_note = None      # where the thumbnail's figure came from
        self.refreshed = None        # with --refresh: "changed" | "unchanged" (None: not written back)


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


# ------------------------------------------------------------------------------ the main figure

def pngs_of(cell):
    """The base64 image/png payloads of a cell's outputs, in order."""
    found = []
    for out in cell.get("outputs", []):
        data = out.get("data", {}).get("image/png")
        if data:
            found.append(data if isinstance(data, str) else "".join(data))
    return found


def main_figure(nb):
    """(png bytes, where it came from) of the notebook's main figure; (None, why) when it has none.

    The figure is the first image/png of the code cell tagged ``main-figure``; with no tagged cell, the
    last image/png of the notebook. Raises ValueError when the convention is broken (two tagged cells, or a
    tagged cell without an image/png): that is the notebook's mistake and fails it."""
    tagged = [i for i, c in enumerate(nb.cells)
              if c.cell_type == "code" and MAIN_FIGURE_TAG in c.get("metadata", {}).get("tags", [])]
    if len(tagged) > 1:
        raise ValueError("cells %s are all tagged %s; tag one" % (", ".join(str(i + 1) for i in tagged), MAIN_FIGURE_TAG))
    if tagged:
        pngs = pngs_of(nb.cells[tagged[0]])
        if not pngs:
            raise ValueError("cell %d is tagged %s but shows no image/png" % (tagged[0] + 1, MAIN_FIGURE_TAG))
        return base64.b64decode(pngs[0]), "cell %d (tagged %s)" % (tagged[0] + 1, MAIN_FIGURE_TAG)
    last = None
    for i, c in enumerate(nb.cells):
        for data in pngs_of(c):
            last = (base64.b64decode(data), "cell %d (the last figure; no cell is tagged %s)" % (i + 1, MAIN_FIGURE_TAG))
    return last if last else (None, "no image/png output")


def write_thumbnail(png, path):
    """Scales the PNG down to fit THUMB_BOX (never up) and writes it as PNG; returns its (width, height)."""
    with Image.open(io.BytesIO(png)) as im:
        im.load()
        thumb = im.convert("RGBA") if im.mode not in ("RGB", "RGBA") else im.copy()
    thumb.thumbnail(THUMB_BOX, Image.LANCZOS)
    thumb.save(str(path), format="PNG", optimize=True)
    return thumb.size


# ------------------------------------------------------------------------- committed outputs

def code_cells(nb):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def cell_kinds(cell):
    """What a cell shows, as a comparable value: its VERDICT lines and its count of each output kind."""
    verdicts = [v for v in (verdict_of(o) for o in cell.get("outputs", [])) if v]
    kinds = {}
    for out in cell.get("outputs", []):
        for mime in ("image/png", "text/html"):
            if mime in out.get("data", {}):
                kinds[mime] = kinds.get(mime, 0) + 1
        if out.get("output_type") == "error":
            kinds["error"] = kinds.get("error", 0) + 1
    return verdicts, kinds


def committed_problems(committed, fresh):
    """Why the committed copy of a notebook is not its fresh run's: [] when it is. Compared cell by cell:
    executed at all, its VERDICT lines, and how many image/png, text/html and error outputs it has."""
    cells = [(i, c) for i, c in code_cells(committed) if c.source.strip()]
    if not any(c.get("outputs") for _, c in cells):
        return ["none (the committed notebook was never refreshed); " + REFRESH_HINT]
    problems = []
    never = [str(i + 1) for i, c in cells if c.get("execution_count") is None]
    if never:
        problems.append("committed cell(s) %s never executed" % ", ".join(never))
    fresh_cells = dict(code_cells(fresh))
    for i, c in cells:
        if i not in fresh_cells or fresh_cells[i].source != c.source:
            problems.append("cell %d: the committed source differs from the one run" % (i + 1))
            continue
        (cv, ck), (fv, fk) = cell_kinds(c), cell_kinds(fresh_cells[i])
        if cv != fv:
            problems.append("cell %d: committed %s, fresh run %s" % (i + 1, cv or "no VERDICT line", fv or "no VERDICT line"))
        elif ck != fk:
            problems.append("cell %d: committed outputs %s, fresh run %s" % (i + 1, ck or "none", fk or "none"))
    if problems:
        problems[-1] += "; " + REFRESH_HINT
    return problems


# What a run changes in a notebook besides its outputs, and a refresh must not carry into notebooks/: the
# kernel's version (language_info), timing and UI state kept in cell metadata.
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")


def normalized(source, executed):
    """The notebook to commit: the source notebook (cells, ids, tags, metadata) with the executed run's
    outputs and execution counts, language_info cut to its name, volatile cell metadata dropped."""
    out = copy.deepcopy(source)
    lang = out.metadata.get("language_info", {})
    out.metadata["language_info"] = {"name": lang.get("name", "java")}
    for s, e in zip(out.cells, executed.cells):
        for key in VOLATILE_CELL_METADATA:
            s.metadata.pop(key, None)
        if s.cell_type == "code":
            s.outputs = copy.deepcopy(e.outputs)
            s.execution_count = e.execution_count
    return out


def notebook_text(nb):
    """The file a notebook is written as (nbformat's layout: sorted keys, indent 1, a final newline)."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def coalesce_streams(nb):
    """Joins consecutive stream outputs of one cell and stream (rapaio sends each piece of a printf as its own
    message), so a printed line is one output: in the rendered page, in the committed copy, to verdict_of."""
    for _, c in code_cells(nb):
        merged = []
        for out in c.get("outputs", []):
            prev = merged[-1] if merged else None
            if (out.get("output_type") == "stream" and prev is not None and prev.get("output_type") == "stream"
                    and prev.get("name") == out.get("name")):
                prev["text"] = "".join(prev["text"]) + "".join(out["text"])
            else:
                merged.append(out)
        c.outputs = merged


def clear_outputs(nb):
    """Drop committed outputs before a run: a cell after a failing one must not show the old result."""
    for _, c in code_cells(nb):
        c.outputs = []
        c.execution_count = None


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


def run_notebook(path, out_dir, timeout, kernel, check_committed=False, refresh=False):
    o = Outcome(path)
    committed = nbformat.read(str(path), as_version=4)
    nb = copy.deepcopy(committed)
    clear_outputs(nb)
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
    coalesce_streams(nb)
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
    try:
        png, o.figure_note = main_figure(nb)
        if png is not None:
            write_thumbnail(png, out_dir / "thumbs" / (o.name + ".png"))
            o.thumb = "thumbs/%s.png" % o.name
    except (ValueError, OSError) as e:   # a broken convention, or an image PIL cannot read
        o.figure_note = "no thumbnail: %s" % e
        if o.status == "passed":
            o.status, o.error = "failed", "main figure: %s" % e
    if o.status == "passed" and check_committed:
        stale = committed_problems(committed, nb)
        if stale:
            o.status, o.error = "failed", "committed outputs: " + "; ".join(stale)
    if o.status == "passed" and refresh:
        text = notebook_text(normalized(committed, nb))
        o.refreshed = "unchanged" if text == path.read_text(encoding="utf-8") else "changed"
        if o.refreshed == "changed":
            tmp = path.with_name("." + path.name + ".refresh")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)         # never a half-written notebook in notebooks/

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
img.thumb{display:block;border:1px solid #d0d7de} .note{color:#57606a;font-size:.8em;max-width:22rem}
"""


def write_index(out_dir, outcomes, prov, stopped_early, jobs):
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
        figure = "—"
        if o.thumb:
            figure = '<a href="notebooks/%s.html"><img class="thumb" src="%s" alt="main figure of %s"></a>' \
                     '<div class="note">%s</div>' % (e(o.name), e(o.thumb), e(o.name), e(o.figure_note or ""))
        elif o.figure_note:
            figure = '<div class="note">%s</div>' % e(o.figure_note)
        rows.append(
            "<tr data-notebook=\"%s\"><td>%s</td><td><b>%s</b>%s</td><td class=\"%s\">%s</td>"
            "<td class=\"num\">%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
                e(o.name), figure, e(o.name), detail, o.status, "not run" if o.status == "skipped" else o.status,
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
headless (each with its own kernel, %d at a time), listed in name order; each thumbnail is the notebook's main figure and opens its page. <b>%s</b>.</p>
<table><thead><tr><th>main figure</th><th>notebook</th><th>status</th><th>run time</th><th>verdict</th><th>outputs</th>
<th>files</th></tr></thead><tbody>
%s
</tbody></table>
<h2>Provenance</h2>
<dl class="prov">%s</dl>
</body></html>
""" % (STYLE, jobs, e(summary), "\n".join(rows), prov_html)
    (out_dir / "index.html").write_text(page, encoding="utf-8")


class _IndexReader(HTMLParser):
    """Collects, per notebook row of the index, its thumbnails and every link and image it holds."""

    def __init__(self):
        super().__init__()
        self.rows = {}        # notebook -> {"thumbs": [src], "refs": [href or src]}
        self.refs = []        # every href/src on the page
        self._row = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-notebook" in a:
            self._row = self.rows.setdefault(a["data-notebook"], {"thumbs": [], "refs": []})
        for key in ("href", "src"):
            if key in a:
                self.refs.append(a[key])
                if self._row is not None:
                    self._row["refs"].append(a[key])
        if tag == "img" and "thumb" in a.get("class", "").split() and self._row is not None:
            self._row["thumbs"].append(a.get("src", ""))

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None


def index_problems(out_dir, names):
    """What is wrong with index.html: [] when every named notebook has a row with exactly one thumbnail,
    each thumbnail decodes as a PNG inside THUMB_BOX, and every local link and image resolves to a file."""
    reader = _IndexReader()
    reader.feed((out_dir / "index.html").read_text(encoding="utf-8"))
    problems = []
    for name in names:
        row = reader.rows.get(name)
        if row is None:
            problems.append("%s: no row in the index" % name)
            continue
        if len(row["thumbs"]) != 1:
            problems.append("%s: %d thumbnails in its row, not 1" % (name, len(row["thumbs"])))
            continue
        path = out_dir / row["thumbs"][0]
        try:
            with Image.open(path) as im:
                fmt = im.format
                im.load()           # decodes the pixels, not only the header
                size = im.size
        except (OSError, SyntaxError) as e:
            problems.append("%s: thumbnail %s does not decode: %s" % (name, row["thumbs"][0], e))
            continue
        if fmt != "PNG":
            problems.append("%s: thumbnail %s is %s, not PNG" % (name, row["thumbs"][0], fmt))
        elif size[0] > THUMB_BOX[0] or size[1] > THUMB_BOX[1] or min(size) < 1:
            problems.append("%s: thumbnail %s is %dx%d, not within %dx%d" % ((name, row["thumbs"][0]) + size + THUMB_BOX))
    for ref in reader.refs:
        if re.match(r"^[a-z]+:", ref) or ref.startswith("#"):
            continue                     # external or in-page: nothing on disk to check
        if not (out_dir / ref.split("#")[0]).is_file():
            problems.append("link %s resolves to no file in %s" % (ref, out_dir))
    return problems


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
    ap.add_argument("--jobs", type=int, default=DEFAULT_JOBS,
                    help="notebooks run at once, each with its own kernel (default %(default)s, also LARGELR_REPORT_JOBS)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--refresh", action="store_true",
                      help="write each passing run back into notebooks/ (the committed executed copies); "
                           "implies --keep-going")
    mode.add_argument("--check-committed", action="store_true",
                      help="fail a notebook whose committed outputs are missing or differ from this run's "
                           "VERDICT lines and output kinds (environment/test)")
    args = ap.parse_args(argv)
    if args.refresh:
        args.keep_going = True   # refresh every notebook that passes, whatever fails before it
    if args.jobs < 1:
        ap.error("--jobs must be at least 1, got %d" % args.jobs)
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
    (out_dir / "thumbs").mkdir()
    prov = provenance(kernel)
    log("kernel: %s" % prov["kernel"])

    outcomes = [Outcome(p) for p in paths]
    stop = threading.Event()

    def run(i):
        if stop.is_set():
            return None          # an earlier failure stopped the run (no --keep-going)
        log("[%d/%d] %s ..." % (i + 1, len(outcomes), outcomes[i].path.name))
        done = run_notebook(outcomes[i].path, out_dir, args.timeout, kernel,
                            check_committed=args.check_committed, refresh=args.refresh)
        if done.status == "failed" and done.failed_cell and not args.keep_going:
            stop.set()
        return done

    # One kernel per notebook; --jobs of them at a time. Each notebook's numbers do not depend on it.
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run, i): i for i in range(len(outcomes))}
        for f in concurrent.futures.as_completed(futures):
            i, done = futures[f], f.result()
            if done is None:
                continue
            outcomes[i] = done
            line = "[%d/%d] %s: %s in %.1f s" % (i + 1, len(outcomes), done.path.name, done.status, done.seconds)
            if done.verdict:
                line += " — " + done.verdict
            if done.refreshed:
                line += " — notebooks/%s %s" % (done.path.name, done.refreshed)
            if done.status == "failed":
                where = (" in cell %d (%s)" % done.failed_cell) if done.failed_cell else ""
                line += " — FAILED%s: %s" % (where, done.error)
            log(line)
            if done.java_version:
                prov["java (in kernel)"] = done.java_version
            write_index(out_dir, outcomes, prov, False, args.jobs)   # keep the index current after every notebook
    stopped_early = stop.is_set() and any(o.status == "skipped" for o in outcomes)

    write_index(out_dir, outcomes, prov, stopped_early, args.jobs)
    # The index itself is checked: a reader must see each result's figure and reach every page from it.
    bad_index = index_problems(out_dir, [o.name for o in outcomes if o.status == "passed"])
    for p in bad_index:
        log("FAILED: index: %s" % p)
    if args.refresh:
        changed = [o.path.name for o in outcomes if o.refreshed == "changed"]
        kept = [o.path.name for o in outcomes if o.status != "passed"]
        log("refresh: %d notebook(s) rewritten in notebooks/, %d unchanged%s" % (
            len(changed), sum(o.refreshed == "unchanged" for o in outcomes),
            ", NOT refreshed (did not pass): " + ", ".join(kept) if kept else ""))
    failed = [o for o in outcomes if o.status == "failed"]
    passed = sum(o.status == "passed" for o in outcomes)
    skipped = sum(o.status == "skipped" for o in outcomes)
    log("report: %s" % (out_dir / "index.html"))
    for o in failed:
        where = (" cell %d `%s`" % o.failed_cell) if o.failed_cell else ""
        log("FAILED: notebook %s%s: %s" % (o.path.name, where, o.error))
    print("notebooks: %d passed, %d failed%s" % (passed, len(failed), ", %d skipped" % skipped if skipped else ""))
    return 1 if failed or bad_index or not outcomes else 0


if __name__ == "__main__":
    sys.exit(main())
