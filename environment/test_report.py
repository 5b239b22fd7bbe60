"""Unit tests of report.py's reading of notebook outputs, in the formats each Java kernel writes.

The error outputs are what each kernel sent for the same failing check cell,
``throw new AssertionError("VERDICT: FAIL 1/2 checks failed:\\n  x < y");`` (rapaio-jupyter-kernel 3.0.1,
IJava 1.3.0, JJava 1.0-a7), cut to the lines that matter. Run by environment/test:

    /usr/bin/python3 -m unittest discover -s environment -p 'test_*.py'
"""

import base64
import io
import shutil
import tempfile
import unittest
from pathlib import Path

import nbformat
from PIL import Image

import report

FAIL_LINE = "VERDICT: FAIL 1/2 checks failed:"
RED, BLUE, RESET, BOLD = "\x1b[31m", "\x1b[34m", "\x1b[0m", "\x1b[1m"

RAPAIO_ERROR = {
    "output_type": "error",
    "ename": "EvalException",
    "evalue": "VERDICT: FAIL 1/2 checks failed:\n  x < y",
    "traceback": [
        RESET + BOLD + RED + "java.lang.AssertionError: VERDICT: FAIL 1/2 checks failed:\n  x < y\n" + RESET,
        RESET + BOLD + BLUE + "   at .(#2:1)" + RESET,
        RESET + RESET + BOLD + '|--> throw new AssertionError("VERDICT: FAIL 1/2 checks failed:\\n  x < y");' + RESET,
    ],
}
IJAVA_ERROR = {
    "output_type": "error",
    "ename": "EvalException",
    "evalue": "VERDICT: FAIL 1/2 checks failed:\n  x < y",
    "traceback": [
        BOLD + RED + "-" * 75 + RESET,
        BOLD + RED + "java.lang.AssertionError: VERDICT: FAIL 1/2 checks failed:" + RESET,
        BOLD + RED + "  x < y" + RESET,
        BOLD + RED + "\tat .(#12:1)" + RESET,
    ],
}
JJAVA_ERROR = {
    "output_type": "error",
    "ename": "RuntimeException",
    "evalue": "java.lang.AssertionError, VERDICT: FAIL 1/2 checks failed:\n  x < y",
    "traceback": [
        BOLD + RED + "-" * 75 + RESET,
        "\x1b[39m" + BOLD + "|   " + BOLD + RED
        + "java.lang.RuntimeException: java.lang.AssertionError, VERDICT: FAIL 1/2 checks failed:" + RESET,
        "\x1b[39m" + BOLD + "|   " + BOLD + RED + "  x < y" + RESET,
        "\x1b[39m" + BOLD + "|   " + BOLD + RED + "Caused by: jdk.jshell.EvalException: VERDICT: FAIL 1/2 checks failed:" + RESET,
    ],
}


def notebook(*cell_outputs):
    nb = nbformat.v4.new_notebook()
    for outputs in cell_outputs:
        cell = nbformat.v4.new_code_cell("// check")
        cell.outputs = [nbformat.from_dict(o) for o in outputs]
        nb.cells.append(cell)
    return nb


def stream(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def result(text):
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"text/plain": text}}


class VerdictInEachKernelsErrorFormat(unittest.TestCase):

    def test_rapaio(self):
        self.assertEqual(FAIL_LINE, report.verdict_of(RAPAIO_ERROR))

    def test_ijava(self):
        self.assertEqual(FAIL_LINE, report.verdict_of(IJAVA_ERROR))

    def test_jjava_puts_it_after_the_exception_name(self):
        self.assertEqual(FAIL_LINE, report.verdict_of(JJAVA_ERROR))

    def test_only_in_traceback(self):
        out = dict(IJAVA_ERROR, evalue="")
        self.assertEqual(FAIL_LINE, report.verdict_of(out))

    def test_only_in_ename(self):
        out = {"output_type": "error", "ename": "VERDICT: FAIL 3/3 checks failed", "evalue": "", "traceback": []}
        self.assertEqual("VERDICT: FAIL 3/3 checks failed", report.verdict_of(out))

    def test_error_without_verdict(self):
        out = {"output_type": "error", "ename": "RuntimeException",
               "evalue": "java.lang.IllegalArgumentException: eta must be in (0, 10], got -1",
               "traceback": [RED + "java.lang.IllegalArgumentException: eta must be in (0, 10], got -1" + RESET]}
        self.assertIsNone(report.verdict_of(out))


class VerdictPrintedOrReturned(unittest.TestCase):

    def test_printed_line_is_found_and_stripped(self):
        out = stream("checked 12 instances\n" + BOLD + "VERDICT: PASS 12/12 checks on 4 instances" + RESET + "\n")
        self.assertEqual("VERDICT: PASS 12/12 checks on 4 instances", report.verdict_of(out))

    def test_returned_value(self):
        self.assertEqual("VERDICT: PASS 3/3 checks on 1 instances",
                         report.verdict_of(result("VERDICT: PASS 3/3 checks on 1 instances")))

    def test_mid_line_mention_in_printed_text_is_not_a_verdict(self):
        self.assertIsNone(report.verdict_of(stream("the check cell prints VERDICT: PASS at the end\n")))

    def test_last_verdict_of_the_notebook_wins(self):
        nb = notebook([stream("VERDICT: PASS 2/2 checks on 1 instances\n")], [result("42")], [JJAVA_ERROR])
        self.assertEqual(FAIL_LINE, report.find_verdict(nb))

    def test_no_verdict(self):
        self.assertIsNone(report.find_verdict(notebook([stream("hello\n")], [])))


class ErrorLine(unittest.TestCase):

    def test_multiline_evalue_becomes_one_line(self):
        cell = notebook([JJAVA_ERROR]).cells[0]
        self.assertEqual("RuntimeException: java.lang.AssertionError, VERDICT: FAIL 1/2 checks failed: x < y",
                         report.error_of(cell))

    def test_empty_evalue_uses_traceback_without_source_echo(self):
        out = {"output_type": "error", "ename": "CompileException", "evalue": "",
               "traceback": [RED + "cannot find symbol" + RESET, "  symbol: variable nope", "|--> nope + 1;"]}
        cell = notebook([out]).cells[0]
        self.assertEqual("CompileException: cannot find symbol / symbol: variable nope", report.error_of(cell))


class Provenance(unittest.TestCase):

    def test_a_kernel_that_names_no_largelr_jar_gets_the_pom_version_with_a_note(self):
        version = report._project_version(None)
        self.assertIn("(pom.xml; no largelr jar named in the kernel's classpath)", version)
        self.assertRegex(version, r"^\d+\.\d+")


def png_bytes(width, height, color=(200, 30, 30)):
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, format="PNG")
    return buf.getvalue()


def figure(width=800, height=500, color=(200, 30, 30)):
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(png_bytes(width, height, color)).decode(), "text/plain": "chart"}}


def tagged(nb, index, *tags):
    nb.cells[index].metadata["tags"] = list(tags)
    return nb


class MainFigure(unittest.TestCase):

    def test_the_tagged_cells_first_figure_wins_over_a_later_one(self):
        nb = tagged(notebook([figure(color=(1, 2, 3)), figure(color=(9, 9, 9))], [figure(color=(4, 5, 6))]),
                    0, "main-figure")
        png, note = report.main_figure(nb)
        with Image.open(io.BytesIO(png)) as im:
            self.assertEqual((1, 2, 3), im.convert("RGB").getpixel((0, 0)))
        self.assertIn("cell 1 (tagged main-figure)", note)

    def test_untagged_notebook_uses_its_last_figure_and_says_so(self):
        nb = notebook([figure(color=(1, 2, 3))], [stream("x\n")], [figure(color=(4, 5, 6))], [])
        png, note = report.main_figure(nb)
        with Image.open(io.BytesIO(png)) as im:
            self.assertEqual((4, 5, 6), im.convert("RGB").getpixel((0, 0)))
        self.assertIn("cell 3 (the last figure; no cell is tagged main-figure)", note)

    def test_a_tagged_cell_without_a_figure_is_an_error(self):
        nb = tagged(notebook([figure()], [stream("VERDICT: PASS\n")]), 1, "main-figure")
        with self.assertRaisesRegex(ValueError, "cell 2 is tagged main-figure but shows no image/png"):
            report.main_figure(nb)

    def test_two_tagged_cells_are_an_error(self):
        nb = tagged(tagged(notebook([figure()], [figure()]), 0, "main-figure"), 1, "other", "main-figure")
        with self.assertRaisesRegex(ValueError, "cells 1, 2 are all tagged main-figure"):
            report.main_figure(nb)

    def test_no_figure_at_all(self):
        self.assertEqual((None, "no image/png output"), report.main_figure(notebook([stream("x\n")])))

    def test_thumbnail_fits_the_box_keeps_the_aspect_and_never_upscales(self):
        with tempfile.TemporaryDirectory() as d:
            big, small = Path(d, "big.png"), Path(d, "small.png")
            self.assertEqual((360, 225), report.write_thumbnail(png_bytes(1600, 1000), big))
            self.assertEqual((100, 50), report.write_thumbnail(png_bytes(100, 50), small))
            with Image.open(big) as im:
                self.assertEqual(("PNG", (360, 225)), (im.format, im.size))


def executed(verdict="VERDICT: PASS 3/3 checks on 1 instances", figures=1):
    """A two-code-cell notebook as a run leaves it: a plot cell and a check cell."""
    nb = notebook([figure()] * figures, [stream(verdict + "\n")])
    for n, (_, cell) in enumerate(report.code_cells(nb), start=1):
        cell.execution_count = n
    return nb


class CommittedOutputs(unittest.TestCase):

    def test_same_outputs_pass(self):
        self.assertEqual([], report.committed_problems(executed(), executed()))

    def test_a_notebook_without_outputs_fails(self):
        committed = executed()
        report.clear_outputs(committed)
        problems = report.committed_problems(committed, executed())
        self.assertEqual(1, len(problems))
        self.assertIn("never refreshed", problems[0])
        self.assertIn("environment/report --refresh", problems[0])

    def test_a_changed_verdict_fails_naming_both_lines(self):
        problems = report.committed_problems(executed("VERDICT: PASS 3/3 checks on 1 instances"),
                                             executed("VERDICT: PASS 4/4 checks on 2 instances"))
        self.assertEqual(1, len(problems))
        self.assertIn("cell 2: committed ['VERDICT: PASS 3/3 checks on 1 instances'], "
                      "fresh run ['VERDICT: PASS 4/4 checks on 2 instances']", problems[0])

    def test_a_committed_failure_fails_even_if_the_fresh_run_passes(self):
        committed = executed()
        committed.cells[1].outputs = [nbformat.from_dict(JJAVA_ERROR)]
        self.assertIn("cell 2: committed ['VERDICT: FAIL 1/2 checks failed:']",
                      report.committed_problems(committed, executed())[0])

    def test_a_figure_more_in_the_fresh_run_fails(self):
        problems = report.committed_problems(executed(figures=1), executed(figures=2))
        self.assertIn("cell 1: committed outputs {'image/png': 1}, fresh run {'image/png': 2}", problems[0])

    def test_a_cell_never_executed_fails(self):
        committed = executed()
        committed.cells[0].execution_count = None
        self.assertIn("committed cell(s) 1 never executed", report.committed_problems(committed, executed())[0])

    def test_edited_source_is_named(self):
        fresh = executed()
        fresh.cells[1].source = "// another check"
        self.assertIn("cell 2: the committed source differs", report.committed_problems(executed(), fresh)[0])


class Refresh(unittest.TestCase):

    def test_normalized_keeps_the_source_and_takes_only_outputs_and_counts(self):
        source = notebook([], [])
        source.metadata.update({"kernelspec": {"name": "java"}, "largelr": {"expects": []},
                                "language_info": {"name": "java"}})
        tagged(source, 0, "main-figure")
        run = executed()
        run.metadata["language_info"] = {"name": "java", "version": "17.0.15+6"}
        run.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-12-01T22:00:00Z"}
        source.cells[1].metadata["scrolled"] = True
        out = report.normalized(source, run)
        self.assertEqual({"name": "java"}, out.metadata["language_info"])
        self.assertEqual({"expects": []}, out.metadata["largelr"])
        self.assertEqual({"tags": ["main-figure"]}, out.cells[0].metadata)
        self.assertEqual({}, out.cells[1].metadata)
        self.assertEqual([1, 2], [c.execution_count for c in out.cells])
        self.assertEqual(run.cells[1].outputs, out.cells[1].outputs)
        self.assertEqual([], report.committed_problems(out, run))
        self.assertEqual([], source.cells[0].outputs, "the source notebook itself is not changed")

    def test_refreshing_twice_writes_the_same_bytes(self):
        source, run = notebook([], []), executed()
        once = report.notebook_text(report.normalized(source, run))
        again = report.notebook_text(report.normalized(nbformat.reads(once, as_version=4), run))
        self.assertEqual(once, again)
        self.assertTrue(once.endswith("\n"))

    def test_pieces_of_one_printed_line_become_one_output(self):
        nb = notebook([stream("VERDICT: PASS "), stream("3/3 checks\n"), result("x"), stream("a"),
                       {"output_type": "stream", "name": "stderr", "text": "b"}])
        report.coalesce_streams(nb)
        outs = nb.cells[0].outputs
        self.assertEqual(["stream", "execute_result", "stream", "stream"], [o.output_type for o in outs])
        self.assertEqual("VERDICT: PASS 3/3 checks\n", outs[0].text)
        self.assertEqual("VERDICT: PASS 3/3 checks", report.find_verdict(nb))

    def test_clear_outputs_leaves_nothing_stale(self):
        nb = executed()
        report.clear_outputs(nb)
        self.assertEqual([([], None)] * 2, [(c.outputs, c.execution_count) for c in nb.cells])


class Index(unittest.TestCase):
    """write_index + index_problems on a report laid out as report.py lays it out."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        for sub in ("notebooks", "logs", "thumbs"):
            (self.dir / sub).mkdir()
        self.outcomes = []
        for name in ("00-a", "01-b"):
            o = report.Outcome(Path("/nowhere/notebooks", name + ".ipynb"))
            o.status, o.seconds, o.verdict = "passed", 1.0, "VERDICT: PASS 1/1 checks on 1 instances"
            for f in (name + ".html", name + ".ipynb"):
                (self.dir / "notebooks" / f).write_text("x")
            (self.dir / "logs" / (name + ".kernel.log")).write_text("x")
            report.write_thumbnail(png_bytes(900, 600), self.dir / "thumbs" / (name + ".png"))
            o.thumb, o.figure_note = "thumbs/%s.png" % name, "cell 3 (tagged main-figure)"
            self.outcomes.append(o)

    def problems(self):
        report.write_index(self.dir, self.outcomes, {"git commit": "abc"}, False, 2)
        return report.index_problems(self.dir, [o.name for o in self.outcomes])

    def test_one_decodable_thumbnail_per_notebook_and_every_link_resolves(self):
        self.assertEqual([], self.problems())
        page = (self.dir / "index.html").read_text()
        self.assertEqual(2, page.count('class="thumb"'))
        self.assertIn('<a href="notebooks/00-a.html"><img class="thumb" src="thumbs/00-a.png"', page)

    def test_the_intro_says_how_many_notebooks_ran_at_a_time(self):
        for jobs in (1, 3):
            report.write_index(self.dir, self.outcomes, {}, False, jobs)
            page = (self.dir / "index.html").read_text()
            self.assertIn("(each with its own kernel, %d at a time)" % jobs, page)
            self.assertNotIn("--jobs", page)

    def test_missing_thumbnail_is_reported(self):
        self.outcomes[1].thumb = None
        self.assertEqual(["01-b: 0 thumbnails in its row, not 1"], self.problems())

    def test_thumbnail_that_is_not_a_png_is_reported(self):
        (self.dir / "thumbs" / "00-a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)
        problems = self.problems()
        self.assertEqual(1, len(problems))
        self.assertIn("00-a: thumbnail thumbs/00-a.png does not decode", problems[0])

    def test_truncated_png_is_reported(self):
        path = self.dir / "thumbs" / "01-b.png"
        path.write_bytes(path.read_bytes()[:-40])
        self.assertIn("01-b: thumbnail thumbs/01-b.png does not decode", " ".join(self.problems()))

    def test_thumbnail_larger_than_the_box_is_reported(self):
        Image.new("RGB", (800, 600)).save(self.dir / "thumbs" / "00-a.png")
        self.assertEqual(["00-a: thumbnail thumbs/00-a.png is 800x600, not within 360x240"], self.problems())

    def test_a_link_to_a_missing_page_is_reported(self):
        (self.dir / "notebooks" / "01-b.html").unlink()
        self.assertEqual(["link notebooks/01-b.html resolves to no file in %s" % self.dir] * 2, self.problems())

    def test_a_notebook_without_a_row_is_reported(self):
        report.write_index(self.dir, self.outcomes, {}, False, 2)
        self.assertEqual(["02-c: no row in the index"],
                         report.index_problems(self.dir, ["00-a", "01-b", "02-c"]))


if __name__ == "__main__":
    unittest.main()
