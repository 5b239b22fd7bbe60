package org.largelr.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.largelr.api.GdResult;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

import tech.tablesaw.api.Table;

/** rapaio's side of the translation: its MIME vocabulary and its way of asking; what is shown is in KernelDisplaysTest. */
class LargelrDisplayProviderTest {

    private static final List<DisplayRenderer> RENDERERS = new LargelrDisplayProvider().getDisplayRenderers();

    /** What the rapaio kernel does: the first SPI renderer whose class fits and that can render the type. */
    private static DisplayRenderer pick(Object value, String mime) {
        return RENDERERS.stream()
                .filter(r -> r.rendererClass().isAssignableFrom(value.getClass()) && r.canRender(mime))
                .findFirst().orElse(null);
    }

    @Test
    void theKernelFindsTheProviderThroughServiceLoader() {
        boolean found = ServiceLoader.load(DisplayProvider.class).stream()
                .anyMatch(p -> p.type() == LargelrDisplayProvider.class);
        assertTrue(found, "META-INF/services does not list LargelrDisplayProvider");
    }

    @Test
    void eachTypeGoesToItsOwnRendererAndOthersToNone() {
        assertEquals(Table.class, pick(Fixtures.trajectory(2), null).rendererClass());
        assertEquals(GdResult.class, pick(Fixtures.run(), null).rendererClass());
        assertEquals(Html.class, pick(new Html("<i>x</i>"), null).rendererClass());
        assertTrue(pick(DisplayImageTest.lineChart(200, 100), null).rendererClass()
                .isAssignableFrom(org.knowm.xchart.XYChart.class));
        assertNull(pick("a string", null));
        assertNull(pick(List.of(1, 2), null));
    }

    @Test
    void rapaiosShortNamesAreUnderstoodAndWrongTypesRefused() {
        assertNull(pick(DisplayImageTest.lineChart(200, 100), "text/html"));
        assertNull(pick(DisplayImageTest.lineChart(200, 100), "html"));
        assertNull(pick(Table.create("t"), "image/png"));
        assertNotNull(pick(Table.create("t"), "text/html"));
        assertNotNull(pick(Table.create("t"), "html"));
        assertNotNull(pick(DisplayImageTest.lineChart(200, 100), "png"));
        assertNotNull(pick(DisplayImageTest.lineChart(200, 100), " Image/PNG "));
        assertNotNull(pick(Table.create("t"), "text"));
    }

    @Test
    void askedForTextATableSendsTextAlone() {
        Table t = Fixtures.trajectory(5);
        DisplayData asText = pick(t, "text").render("text", t);
        assertEquals(t.toString(), asText.data().get("text/plain"));
        assertNull(asText.data().get("text/html"));
        DisplayData rich = pick(t, "html").render("html", t);
        assertTrue(((String) rich.data().get("text/html")).contains("5 rows"));
        assertEquals(t.toString(), rich.data().get("text/plain"));
    }
}
