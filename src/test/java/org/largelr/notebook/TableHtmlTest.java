package org.largelr.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableHtmlTest {

    private static Table steps(int n) {
        int[] step = IntStream.range(0, n).toArray();
        double[] loss = IntStream.range(0, n).mapToDouble(i -> Math.pow(10, -i / 100.0)).toArray();
        return Table.create("run", IntColumn.create("step", step), DoubleColumn.create("loss", loss));
    }

    private static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int k = 0;
        while (m.find()) k++;
        return k;
    }

    /** Row indices printed in the index column, in order. */
    private static int[] rowIndices(String html) {
        Matcher m = Pattern.compile("<tr><th style=\"text-align:right\">(\\d+)</th>").matcher(html);
        return m.results().mapToInt(r -> Integer.parseInt(r.group(1))).toArray();
    }

    @Test
    void aShortTableShowsEveryRowAndNoOmission() {
        String html = Display.html(steps(7)).source();
        assertArrayEquals(IntStream.range(0, 7).toArray(), rowIndices(html));
        assertFalse(html.contains("omitted"));
        assertTrue(html.contains("7 rows × 2 columns"), html);
        assertEquals(1, count(html, "<table"));
    }

    @Test
    void aLongTableKeepsHeadAndTailAndSaysHowManyRowsItHid() {
        String html = Display.html(steps(1000)).source();
        int[] shown = rowIndices(html);
        int[] expected = IntStream.concat(IntStream.range(0, 10), IntStream.range(990, 1000)).toArray();
        assertArrayEquals(expected, shown);
        assertTrue(html.contains("1,000 rows × 2 columns"), html);
        assertTrue(html.contains("980 rows omitted"), html);
        assertEquals(1, count(html, "largelr-omitted"));
    }

    @Test
    void anOddBudgetGivesTheExtraRowToTheHead() {
        int[] shown = rowIndices(Display.html(steps(50), 5).source());
        assertArrayEquals(new int[] {0, 1, 2, 48, 49}, shown);
    }

    @Test
    void maxRowsZeroNeverShortens() {
        assertEquals(300, rowIndices(Display.html(steps(300), 0).source()).length);
    }

    @Test
    void everyRowHasOneCellPerColumnPlusTheIndex() {
        String html = Display.html(steps(40)).source();
        int dataRows = rowIndices(html).length;
        assertEquals(20, dataRows);
        assertEquals(2 * dataRows, count(html, "<td style=\"text-align:right\">"));
    }

    @Test
    void numbersKeepSixSignificantDigitsAcrossDecades() {
        assertEquals("0.5", HtmlFormat.number(0.5));
        assertEquals("1", HtmlFormat.number(1.0));
        assertEquals("3.14159", HtmlFormat.number(Math.PI));
        assertEquals("1e-12", HtmlFormat.number(1e-12));
        assertEquals("-2.5e-7", HtmlFormat.number(-2.5e-7));
        assertEquals("1.23457e8", HtmlFormat.number(123456789.0));
        assertEquals("0.000123", HtmlFormat.number(0.000123));
        assertEquals("NaN", HtmlFormat.number(Double.NaN));
        assertEquals("0", HtmlFormat.number(0.0));
    }

    @Test
    void integerColumnsPrintAsIntegersAndTextIsEscaped() {
        Table t = Table.create("a<b", IntColumn.create("n", new int[] {1000000}),
                StringColumn.create("s", new String[] {"<x & y>"}));
        String html = Display.html(t).source();
        assertTrue(html.contains(">1000000</td>"), html);
        assertTrue(html.contains("&lt;x &amp; y&gt;"), html);
        assertTrue(html.contains("<b>a&lt;b</b>"), html);
        assertFalse(html.contains("<x & y>"));
    }

    @Test
    void negativeBudgetIsRejectedWithItsValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Display.html(steps(3), -1));
        assertTrue(e.getMessage().contains("-1"));
    }
}
