package org.largelr.notebook;

import java.util.List;
import java.util.Set;

import org.knowm.xchart.internal.chartpart.Chart;
import org.largelr.gd.GdResult;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

import tech.tablesaw.api.Table;

/**
 * Registers our renderers with the rapaio Jupyter kernel (listed in {@code META-INF/services}). The
 * kernel asks each renderer whether the cell's value is of its class and whether it can produce the
 * requested MIME type ({@code null} means "your default"); ours answer for Tablesaw tables (HTML),
 * XChart charts (PNG) and GD runs (HTML summary), each with a {@code text/plain} fallback.
 */
public final class LargelrDisplayProvider implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new TableRenderer(), new ChartRenderer(), new RunRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    private static final Set<String> HTML = Set.of("text/html", "html"), TEXT = Set.of("text/plain", "text"),
            PNG = Set.of("image/png", "png");

    static boolean accepts(String mime, Set<String> ownDefault) {
        if (mime == null || mime.isBlank()) return true;
        String m = mime.trim().toLowerCase(java.util.Locale.ROOT);
        return ownDefault.contains(m) || TEXT.contains(m);
    }

    static boolean wantsText(String mime) {
        return mime != null && TEXT.contains(mime.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code Table} → {@code text/html}, shortened to head and tail. */
    static final class TableRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Table.class;
        }

        @Override
        public boolean canRender(String mime) {
            return accepts(mime, HTML);
        }

        @Override
        public DisplayData render(String mime, Object o) {
            Table t = (Table) o;
            if (wantsText(mime)) return DisplayData.fromText(t.toString());
            DisplayData d = DisplayData.fromHtml(Display.html(t));
            d.putText(t.toString());
            return d;
        }
    }

    /** An XChart chart → {@code image/png} at the chart's size. */
    static final class ChartRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Chart.class;
        }

        @Override
        public boolean canRender(String mime) {
            return accepts(mime, PNG);
        }

        @Override
        public DisplayData render(String mime, Object o) {
            Chart<?, ?> c = (Chart<?, ?>) o;
            String text = describe(c);
            if (wantsText(mime)) return DisplayData.fromText(text);
            DisplayData d = DisplayData.withType("image/png", Display.pngBase64(c));
            d.putText(text);
            return d;
        }

        private static String describe(Chart<?, ?> c) {
            String title = c.getTitle() == null || c.getTitle().isBlank() ? "" : " '" + c.getTitle() + "'";
            return c.getClass().getSimpleName() + title + " " + c.getWidth() + "x" + c.getHeight();
        }
    }

    /** A GD run → compact HTML summary, {@code toString()} as text. */
    static final class RunRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return GdResult.class;
        }

        @Override
        public boolean canRender(String mime) {
            return accepts(mime, HTML);
        }

        @Override
        public DisplayData render(String mime, Object o) {
            GdResult r = (GdResult) o;
            if (wantsText(mime)) return DisplayData.fromText(r.toString());
            DisplayData d = DisplayData.fromHtml(Display.html(r));
            d.putText(r.toString());
            return d;
        }
    }
}
