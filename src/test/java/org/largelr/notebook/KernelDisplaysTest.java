package org.largelr.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.largelr.api.GdResult;
import org.rapaio.jupyter.kernel.display.DisplaySystem;

import tech.tablesaw.api.Table;

/**
 * The same cell values through the three kernels' own renderers, as each kernel would send them to Jupyter
 * (MIME type → payload): rapaio's display system with our provider found through its service file, JJava's kernel
 * base with our extension found through its own discovery, and IJava's kernel base after registration through the
 * reflective kernel lookup {@link Kernels#setup()} uses.
 */
class KernelDisplaysTest {

    private static JJavaTestKernel jjava;
    private static IJavaTestKernel ijava;

    @BeforeAll
    static void startKernels() {
        jjava = JJavaTestKernel.start(true);
        ijava = IJavaTestKernel.start();
        assertTrue(IJavaRenderers.register(IJavaRenderers.runningKernelRenderer(IJavaTestKernel.class.getName())));
    }

    @AfterAll
    static void stopKernels() {
        IJavaTestKernel.stop();
        jjava.close();
    }

    private static final List<String> MIME_TYPES = List.of(Rendering.TEXT, Rendering.HTML, Rendering.PNG);

    enum Kernel {
        RAPAIO(v -> new LinkedHashMap<>(DisplaySystem.inst().render(v).data())),
        IJAVA(v -> {
            var d = ijava.getRenderer().render(v);
            Map<String, Object> m = new LinkedHashMap<>();
            for (String t : MIME_TYPES) {
                var type = io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.parse(t);
                if (d.hasDataForType(type)) m.put(t, d.getData(type));
            }
            return m;
        }),
        JJAVA(v -> {
            var d = jjava.getRenderer().render(v);
            Map<String, Object> m = new LinkedHashMap<>();
            for (String t : MIME_TYPES) {
                var type = org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse(t);
                if (d.hasDataForType(type)) m.put(t, d.getData(type));
            }
            return m;
        });

        private final Function<Object, Map<String, Object>> render;

        Kernel(Function<Object, Map<String, Object>> render) {
            this.render = render;
        }

        /** What the kernel would put in the cell's display message, by MIME type. */
        Map<String, Object> show(Object value) {
            return render.apply(value);
        }
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void aTableShowsAsHtmlWithItsColumnsAndItsSize(Kernel kernel) {
        Table t = Fixtures.trajectory(7);
        Map<String, Object> shown = kernel.show(t);
        String html = (String) shown.get(Rendering.HTML);
        assertNotNull(html, kernel + " showed no text/html, only " + shown.keySet());
        for (String column : t.columnNames()) assertTrue(html.contains("<th>" + column + "</th>"), column + ": " + html);
        assertTrue(html.contains("7 rows × 3 columns"), html);
        assertEquals(7, html.split("<tr><th style=\"text-align:right\">", -1).length - 1, "data rows: " + html);
        assertEquals(t.toString(), shown.get(Rendering.TEXT));
        assertFalse(shown.containsKey(Rendering.PNG));
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void aLineChartShowsAsAPngOfItsOwnSize(Kernel kernel) {
        XYChart chart = DisplayImageTest.lineChart(480, 320);
        Map<String, Object> shown = kernel.show(chart);
        assertTrue(shown.containsKey(Rendering.PNG), kernel + " showed no image/png, only " + shown.keySet());
        BufferedImage img = Fixtures.decodePng(shown.get(Rendering.PNG));
        assertEquals(480, img.getWidth());
        assertEquals(320, img.getHeight());
        assertTrue(DisplayImageTest.colours(img) > 10, "looks blank");
        assertEquals("XYChart 'loss' 480x320", shown.get(Rendering.TEXT));
        assertFalse(shown.containsKey(Rendering.HTML));
    }

    /** Registered on XChart's common base class, so chart types we never name show too. */
    @ParameterizedTest
    @EnumSource(Kernel.class)
    void anyXChartChartShowsAsAPng(Kernel kernel) {
        HeatMapChart c = new HeatMapChartBuilder().width(320).height(240).title("heat").build();
        c.addSeries("z", new int[] {0, 1}, new int[] {0, 1}, new int[][] {{0, 0, 1}, {1, 0, 2}, {0, 1, 3}, {1, 1, 4}});
        BufferedImage img = Fixtures.decodePng(kernel.show(c).get(Rendering.PNG));
        assertEquals(320, img.getWidth());
        assertEquals(240, img.getHeight());
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void aRunShowsAsItsSummaryCard(Kernel kernel) {
        GdResult r = Fixtures.run();
        Map<String, Object> shown = kernel.show(r);
        String html = (String) shown.get(Rendering.HTML);
        assertNotNull(html, kernel + " showed no text/html, only " + shown.keySet());
        assertTrue(html.contains(">" + r.outcome().name() + "<"), html);
        assertTrue(html.contains(HtmlFormat.number(r.hL())), html);
        assertTrue(html.contains(HtmlFormat.number(r.finalLoss())), html);
        assertEquals(r.toString(), shown.get(Rendering.TEXT));
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void displayHtmlShowsRenderedNotAsSource(Kernel kernel) {
        Html h = Display.html(Fixtures.trajectory(3));
        assertEquals(h.source(), kernel.show(h).get(Rendering.HTML));
        assertEquals("<b>x</b>", kernel.show(new Html("<b>x</b>")).get(Rendering.HTML));
    }

    /** A setup cell's value reads the kernel's name, as HTML in every kernel (so the cell looks the same in all). */
    @ParameterizedTest
    @EnumSource(Kernel.class)
    void theSetupCellsValueShowsTheKernelsName(Kernel kernel) {
        Map<String, Object> shown = kernel.show(Kernels.Kind.JJAVA);
        assertEquals("<span>JJava</span>", shown.get(Rendering.HTML));
        assertEquals("JJava", shown.get(Rendering.TEXT));
    }

    /**
     * We add renderers for our types; the kernels' own ones, for strings and images, are left as they were (rapaio
     * sends a string as text/html, the others as text/plain; either way the string itself).
     */
    @ParameterizedTest
    @EnumSource(Kernel.class)
    void otherValuesKeepTheKernelsOwnDisplay(Kernel kernel) {
        String s = "<b>plain</b>";
        Map<String, Object> string = kernel.show(s);
        assertFalse(string.isEmpty());
        string.values().forEach(v -> assertEquals(s, v, kernel + ": " + string));
        BufferedImage img = Fixtures.decodePng(kernel.show(Display.image(DisplayImageTest.lineChart(200, 100)))
                .get(Rendering.PNG));
        assertEquals(200, img.getWidth());
    }

    /** One place decides what a value shows as: the three kernels send the very same payloads. */
    @Test
    void everyKernelSendsTheSamePayloads() {
        for (Object value : List.of(Fixtures.trajectory(40), Fixtures.run(), DisplayImageTest.lineChart(300, 200),
                Kernels.Kind.IJAVA)) {
            Map<String, Object> rapaio = Kernel.RAPAIO.show(value);
            rapaio.keySet().retainAll(MIME_TYPES);
            assertEquals(rapaio, Kernel.IJAVA.show(value), value.getClass().getSimpleName());
            assertEquals(rapaio, Kernel.JJAVA.show(value), value.getClass().getSimpleName());
        }
    }
}
