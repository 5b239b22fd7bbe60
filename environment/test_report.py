"""Unit tests of report.py's reading of notebook outputs, in the formats each Java kernel writes.

The error outputs are what each kernel sent for the same failing check cell,
``throw new AssertionError("VERDICT: FAIL 1/2 checks failed:\\n  x < y");`` (rapaio-jupyter-kernel 3.0.1,
IJava 1.3.0, JJava 1.0-a7), cut to the lines that matter. Run by environment/test:

    /usr/bin/python3 -m unittest discover -s environment -p 'test_*.py'
"""

import unittest

import nbformat

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


if __name__ == "__main__":
    unittest.main()
