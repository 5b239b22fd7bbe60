package org.largelr.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.largelr.gd.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class LargelrDisplayProviderTest {

    private static final List<DisplayRenderer> RENDERERS = new LargelrDisplayProvider().getDisplayRenderers();

    /** What the rapaio kernel does: the first SPI renderer whose class fits and that can render the type. */
    private static DisplayRenderer pick(Object value, String mime) {
        return RENDERERS.stream()
                .filter(r -> r.rendererClass().isAssignableFrom(value.getClass()) && r.canRender(mime))
                .findFirst().orElse(null);
    }

    private static GdResult run() {
        Problem p = Problem.factorization(Matrices.gaussian(4, 3).seed(1).build(), 2);
        return GradientDescent.on(p).from(Start.gaussian(0.3).seed(2).unbalanced(3)).learningRate(0.05)
                .maxSteps(50).run();
    }

    @Test
    void theKernelFindsTheProviderThroughServiceLoader() {
        boolean found = ServiceLoader.load(DisplayProvider.class).stream()
                .anyMatch(p -> p.type() == LargelrDisplayProvider.class);
        assertTrue(found, "META-INF/services does not list LargelrDisplayProvider");
    }

    @Test
    void eachTypeGoesToItsOwnRenderer() {
        Table t = Table.create("t", DoubleColumn.create("x", new double[] {1, 2}));
        assertInstanceOf(LargelrDisplayProvider.TableRenderer.class, pick(t, null));
        assertInstanceOf(LargelrDisplayProvider.ChartRenderer.class, pick(DisplayImageTest.lineChart(200, 100), null));
        assertInstanceOf(LargelrDisplayProvider.RunRenderer.class, pick(run(), null));
        assertNull(pick("a string", null));
        assertNull(pick(List.of(1, 2), null));
    }

    @Test
    void aChartCannotBeAskedForHtmlAndATableCannotBeAskedForPng() {
        assertNull(pick(DisplayImageTest.lineChart(200, 100), "text/html"));
        assertNull(pick(Table.create("t"), "image/png"));
        assertNotNull(pick(Table.create("t"), "text/html"));
        assertNotNull(pick(DisplayImageTest.lineChart(200, 100), "png"));
    }

    @Test
    void aTableRendersAsHtmlWithAPlainTextFallback() {
        Table t = Table.create("t", DoubleColumn.create("x", new double[100]));
        DisplayData d = pick(t, null).render(null, t);
        String html = (String) d.data().get("text/html");
        assertNotNull(html);
        assertTrue(html.contains("100 rows"));
        assertNotNull(d.data().get("text/plain"));
        DisplayData asText = pick(t, "text/plain").render("text/plain", t);
        assertNull(asText.data().get("text/html"));
    }

    @Test
    void aChartRendersAsAPngOfItsSize() throws IOException {
        var chart = DisplayImageTest.lineChart(480, 320);
        DisplayData d = pick(chart, null).render(null, chart);
        String b64 = (String) d.data().get("image/png");
        assertNotNull(b64, "no image/png in " + d.data().keySet());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        assertEquals(480, img.getWidth());
        assertEquals(320, img.getHeight());
        assertTrue(DisplayImageTest.colours(img) > 10);
    }

    @Test
    void aRunRendersAsACompactSummaryOfTheTheoremsNumbers() {
        GdResult r = run();
        DisplayData d = pick(r, null).render(null, r);
        String html = (String) d.data().get("text/html");
        assertTrue(html.contains(r.outcome().name()), html);
        assertTrue(html.contains("h·L"), html);
        assertTrue(html.contains(Html.number(r.finalLoss())), html);
        assertTrue(html.contains(Html.number(r.hL())), html);
        assertEquals(2, html.split("<tr>", -1).length - 1, "one header row and one data row: " + html);
        assertEquals(r.toString(), d.data().get("text/plain"));
    }
}
