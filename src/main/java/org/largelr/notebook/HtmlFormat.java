package org.largelr.notebook;

import java.util.Locale;

/** Escaping and number formatting shared by the HTML renderers. */
final class HtmlFormat {
    private HtmlFormat() {
    }

    static String escape(String s) {
        if (s == null) return "";
        var b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Six significant digits, plain notation between 1e-4 and 1e6 and scientific outside, trailing
     * zeros dropped: losses span many decades, so a fixed number of decimals would print them as 0.
     */
    static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            String s = String.format(Locale.ROOT, "%.6g", v);
            return s.contains("e") ? s : stripZeros(s);
        }
        String s = String.format(Locale.ROOT, "%.5e", v);
        int e = s.indexOf('e');
        String mantissa = stripZeros(s.substring(0, e));
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exp;
    }

    /** Thousands separated by commas, so row counts read at a glance. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
