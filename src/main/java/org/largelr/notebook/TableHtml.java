package org.largelr.notebook;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as an HTML {@code <table>}: a caption with the name and the full size, a row-index
 * column, numbers right-aligned with six significant digits, and long tables shortened to head and
 * tail around one row that says how many rows were left out.
 */
final class TableHtml {
    static final String CSS_CLASS = "largelr-table";

    private TableHtml() {
    }

    static String render(Table table, int maxRows) {
        Display.requireNonNull(table, "table");
        if (maxRows < 0) throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
        int rows = table.rowCount(), cols = table.columnCount();
        boolean shorten = maxRows > 0 && rows > maxRows;
        // An odd budget gives the extra row to the head: the start of a trajectory is what one reads first.
        int head = shorten ? (maxRows + 1) / 2 : rows;
        int tail = shorten ? maxRows / 2 : 0;

        var b = new StringBuilder(256 + 64 * cols * Math.min(rows, Math.max(maxRows, 1)));
        b.append("<table class=\"").append(CSS_CLASS).append("\" border=\"1\" style=\"border-collapse:collapse\">");
        b.append("<caption style=\"caption-side:top;text-align:left\">");
        String name = table.name();
        if (name != null && !name.isBlank()) b.append("<b>").append(HtmlFormat.escape(name)).append("</b> · ");
        b.append(HtmlFormat.count(rows)).append(rows == 1 ? " row" : " rows").append(" × ")
                .append(cols).append(cols == 1 ? " column" : " columns");
        if (shorten) b.append(" (first ").append(head).append(", last ").append(tail).append(")");
        b.append("</caption><thead><tr><th></th>");
        for (Column<?> c : table.columns())
            b.append("<th>").append(HtmlFormat.escape(c.name())).append("</th>");
        b.append("</tr></thead><tbody>");
        for (int r = 0; r < head; r++) row(b, table, r);
        if (shorten) {
            b.append("<tr class=\"largelr-omitted\"><td colspan=\"").append(cols + 1)
                    .append("\" style=\"text-align:center\">… ").append(HtmlFormat.count(rows - head - tail))
                    .append(" rows omitted …</td></tr>");
            for (int r = rows - tail; r < rows; r++) row(b, table, r);
        }
        b.append("</tbody></table>");
        return b.toString();
    }

    private static void row(StringBuilder b, Table table, int r) {
        b.append("<tr><th style=\"text-align:right\">").append(r).append("</th>");
        for (Column<?> c : table.columns()) {
            if (c instanceof NumericColumn<?> n) {
                b.append("<td style=\"text-align:right\">");
                if (n.isMissing(r)) b.append("");
                else if (isIntegral(c)) b.append(HtmlFormat.escape(c.getString(r)));
                else b.append(HtmlFormat.number(n.getDouble(r)));
            } else {
                b.append("<td>");
                b.append(c.isMissing(r) ? "" : HtmlFormat.escape(c.getString(r)));
            }
            b.append("</td>");
        }
        b.append("</tr>");
    }

    private static boolean isIntegral(Column<?> c) {
        String type = c.type().name();
        return type.equals("INTEGER") || type.equals("LONG") || type.equals("SHORT");
    }
}
