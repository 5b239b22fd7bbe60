package org.largelr.table;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.largelr.cli.Csv;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

class TablesTest {
    /** The last row of the quickstart's diverged run (h = 8/L): loss 4.5e84 printed with all 85 digits before. */
    static final double LOSS = 4.487284762327089e84, NORM = 162576.1175338287, TINY = 9.709439971695687e-21;

    static Table diverged() {
        return Table.create("run", LongColumn.create("step", 5L), DoubleColumn.create("loss", LOSS),
                DoubleColumn.create("x_norm2", NORM), DoubleColumn.create("tiny", TINY),
                DoubleColumn.create("missing", Double.NaN), DoubleColumn.create("h", 0.7310986892132243));
    }

    @Test
    void significantDigitsPlainInTheMiddleScientificOutside() {
        assertEquals("4.48728e84", Tables.format(LOSS, 6));
        assertEquals("162576", Tables.format(NORM, 6));
        assertEquals("9.70944e-21", Tables.format(TINY, 6));
        assertEquals("0.731099", Tables.format(0.7310986892132243, 6));
        assertEquals("-3.41252e14", Tables.format(-341251920265272.8, 6));
        assertEquals("0.0001", Tables.format(1e-4, 6));
        assertEquals("9.99999e-5", Tables.format(0.0000999999, 6));
        assertEquals("1e6", Tables.format(999999.7, 6), "rounds first, then picks the notation");
        assertEquals("999999", Tables.format(999999.4, 6));
        assertEquals("8", Tables.format(8.000000000000002, 6));
        assertEquals("0", Tables.format(0.0, 6));
        assertEquals("NaN", Tables.format(Double.NaN, 6));
        assertEquals("-Infinity", Tables.format(Double.NEGATIVE_INFINITY, 6));
        assertEquals("3e-5", Tables.format(3.2e-5, 1));
        assertThrows(IllegalArgumentException.class, () -> Tables.format(1, 0));
    }

    @Test
    void aReadableTablePrintsShortNumbersAndKeepsEveryBit() {
        Table t = diverged();
        String raw = t.print();
        assertTrue(raw.contains("44872847623270890000000000"), "Tablesaw's default prints every digit: " + raw);
        assertSame(t, Tables.readable(t));
        String shown = t.toString();
        assertTrue(shown.contains("4.48728e84"), shown);
        assertTrue(shown.contains("162576") && !shown.contains("162576.1"), shown);
        assertTrue(shown.contains("9.70944e-21"), shown);
        assertTrue(shown.contains("0.731099"), shown);
        assertFalse(shown.contains("NaN"), "a missing value prints empty: " + shown);
        assertEquals("", t.getString(0, "missing"));
        assertTrue(shown.lines().allMatch(l -> l.length() < 120), "no line as long as the 85-digit number: " + shown);
        assertEquals(LOSS, t.doubleColumn("loss").getDouble(0), 0.0);
        assertEquals("4.48728e84", t.getString(0, "loss"));
        assertEquals("5", t.getString(0, "step"), "whole-number columns are untouched");
        // what users do next keeps the formatter (Tablesaw copies it with the column)
        assertEquals("4.48728e84", t.first(1).getString(0, "loss"));
        assertEquals("4.48728e84", t.selectColumns("step", "loss").getString(0, "loss"));
        assertEquals("4.48728e84", t.where(t.longColumn("step").isEqualTo(5)).getString(0, "loss"));
        assertEquals("4.48728e84", t.copy().getString(0, "loss"));
    }

    @Test
    void csvKeepsFullPrecision() {
        Table t = Tables.readable(diverged());
        StringWriter w = new StringWriter();
        t.write().csv(w);
        assertTrue(w.toString().contains(Double.toString(NORM)), "Tablesaw's writer ignores print formatters: " + w);
        assertTrue(w.toString().contains(Double.toString(TINY)), w.toString());
        String row = Csv.row(t, 0);
        assertTrue(row.contains(Double.toString(LOSS)) && row.contains(Double.toString(NORM)), row);
        assertTrue(row.contains("," + Double.toString(TINY) + ",,"), "a missing value is an empty field: " + row);
    }
}
