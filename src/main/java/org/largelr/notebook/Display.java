package org.largelr.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.largelr.api.GdResult;

import tech.tablesaw.api.Table;

/**
 * Kernel-independent display helpers. Every Java kernel (rapaio, IJava, JJava) renders a
 * {@link BufferedImage} as {@code image/png}, so {@code Display.image(chart)} shows a chart anywhere, even before
 * {@link Kernels#setup()}; the HTML helpers return {@link Html}, which the kernels show rendered.
 */
public final class Display {
    /** Tables longer than this are shortened to their head and tail. */
    public static final int DEFAULT_MAX_ROWS = 20;
    /** Charts are drawn at their own size, kept within these bounds (pixels per side). */
    static final int MIN_SIDE = 100, MAX_SIDE = 2400;

    private Display() {
    }

    /** The chart drawn at its own size (clamped to a sane range), ready for any kernel to show. */
    public static BufferedImage image(Chart<?, ?> chart) {
        requireNonNull(chart, "chart");
        int w = clamp(chart.getWidth()), h = clamp(chart.getHeight());
        if (w == chart.getWidth() && h == chart.getHeight()) return BitmapEncoder.getBufferedImage(chart);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        try {
            chart.paint(g, w, h);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** PNG bytes of {@link #image(Chart)}. */
    public static byte[] png(Chart<?, ?> chart) {
        return png(image(chart));
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        requireNonNull(image, "image");
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer in this JVM");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Base64 of {@link #png(Chart)}: the payload of an {@code image/png} display message. */
    public static String pngBase64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** The table as an HTML {@code <table>}, shortened to head and tail past {@value #DEFAULT_MAX_ROWS} rows. */
    public static Html html(Table table) {
        return html(table, DEFAULT_MAX_ROWS);
    }

    /** The table as HTML, shortened to head and tail when longer than {@code maxRows} (0: never). */
    public static Html html(Table table, int maxRows) {
        return new Html(TableHtml.render(table, maxRows));
    }

    /** A compact HTML summary of a run: outcome, steps, h, L, h·L, final loss, imbalance. */
    public static Html html(GdResult result) {
        return new Html(RunHtml.render(result));
    }

    private static int clamp(int side) {
        return Math.max(MIN_SIDE, Math.min(MAX_SIDE, side));
    }

    static void requireNonNull(Object o, String what) {
        if (o == null) throw new IllegalArgumentException(what + " is null");
    }
}
