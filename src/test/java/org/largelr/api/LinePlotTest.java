package org.largelr.api;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class LinePlotTest {

    private static GdResult run(double h) {
        return GradientDescent.on(Problem.scalar(1)).from(Start.scalar(3, 0.1)).h(h).maxSteps(1500).run();
    }

    @Test
    void logAxisDropsNonPositiveValuesAndKeepsTheRest() {
        Table t = Table.create("t", DoubleColumn.create("step", 0, 1, 2, 3), DoubleColumn.create("loss", 1, 0, 1e-3, -1));
        XYChart c = LinePlot.of("step", "loss").series("run", t).logY().build();
        assertArrayEquals(new double[] {0, 2}, c.getSeriesMap().get("run").getXData(), 0);
        assertTrue(c.getStyler().isYAxisLogarithmic());
    }

    @Test
    void rendersToAPicture() throws Exception {
        XYChart c = Plots.loss(Map.of("h = 0.1", run(0.1), "h = 0.3", run(0.3)));
        var image = BitmapEncoder.getBufferedImage(c);
        assertEquals(720, image.getWidth());
        assertEquals(420, image.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3)
            for (int y = 0; y < image.getHeight(); y += 3) colours.add(image.getRGB(x, y));
        assertTrue(colours.size() > 5, "a blank picture has one colour, got " + colours.size());
    }

    @Test
    void badColumnsAreNamed() {
        Table t = Table.create("t", DoubleColumn.create("step", 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.of("step", "loss").series("a", t));
        assertTrue(e.getMessage().contains("no column 'loss'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinePlot.of("step", "loss").build());
    }
}
