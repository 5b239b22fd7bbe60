package org.largelr.notebook;

import org.largelr.api.Columns;
import org.largelr.api.GdResult;
import org.largelr.api.Outcome;

/** A GD run as a one-line card: the numbers the paper's theorems speak of, nothing else. */
final class RunHtml {
    private RunHtml() {
    }

    static String render(GdResult r) {
        Display.requireNonNull(r, "result");
        String color = switch (r.outcome()) {
            case CONVERGED -> "#1a7f37";
            case DIVERGED -> "#cf222e";
            case MAX_STEPS -> "#9a6700";
        };
        var b = new StringBuilder(512);
        b.append("<table class=\"largelr-run\" border=\"1\" style=\"border-collapse:collapse\"><thead><tr>");
        for (String h : new String[] {"outcome", "steps", "h", "L", "h·L", "final loss", "imbalance start → end"})
            b.append("<th>").append(h).append("</th>");
        b.append("</tr></thead><tbody><tr>");
        b.append("<td style=\"color:").append(color).append(";font-weight:bold\">")
                .append(label(r.outcome())).append("</td>");
        cell(b, HtmlFormat.count(r.steps()));
        cell(b, HtmlFormat.number(r.h()));
        cell(b, r.hasL() ? HtmlFormat.number(r.L()) : Columns.NOT_APPLICABLE);
        cell(b, r.hasL() ? HtmlFormat.number(r.hL()) : Columns.NOT_APPLICABLE);
        cell(b, HtmlFormat.number(r.finalLoss()));
        cell(b, HtmlFormat.number(r.initialImbalance()) + " → " + HtmlFormat.number(r.finalImbalance()));
        b.append("</tr></tbody></table>");
        return b.toString();
    }

    private static String label(Outcome o) {
        return o.name();
    }

    private static void cell(StringBuilder b, String text) {
        b.append("<td style=\"text-align:right\">").append(HtmlFormat.escape(text)).append("</td>");
    }
}
