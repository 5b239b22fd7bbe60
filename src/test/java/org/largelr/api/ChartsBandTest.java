package org.largelr.api;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** {@link Charts#band}: the polygon it builds, and that it darkens the chart inside the region only. */
class ChartsBandTest {

    @Test
    void polygonRunsAlongTheLowerEdgeAndBackAlongTheUpperOneSkippingEmptyPoints() {
        XYChart c = Charts.xy(400, 300);
        XYSeries s = Charts.band(c, "band", new double[] {0, 1, 2, 3}, new double[] {0, 1, 5, Double.NaN},
                new double[] {2, 3, 4, 1});
        assertArrayEquals(new double[] {0, 1, 1, 0}, s.getXData(), "x = 2 (lower > upper) and x = 3 (NaN) are left out");
        assertArrayEquals(new double[] {0, 1, 3, 2}, s.getYData());
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, s.getXYSeriesRenderStyle());
    }

    @Test
    void shadesInsideAndLeavesOutsideAlone() {
        XYChart c = Charts.xy(400, 300);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(10.0);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(10.0);
        Charts.band(c, "band", new double[] {2, 8}, new double[] {2, 2}, new double[] {8, 8});
        BufferedImage img = BitmapEncoder.getBufferedImage(c);
        // The plot area's centre is inside the band; its corner region (x, y near 0.5) is not.
        Color inside = new Color(img.getRGB(img.getWidth() / 2 + 15, img.getHeight() / 2 - 5));
        int[] corner = cornerOfPlot(img);
        Color outside = new Color(img.getRGB(corner[0], corner[1]));
        assertTrue(inside.getRed() < 200 && inside.getRed() > 60, "translucent grey inside, got " + inside);
        assertTrue(outside.getRed() > 230, "background outside, got " + outside);
    }

    @Test
    void badInputIsNamed() {
        XYChart c = Charts.xy(400, 300);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Charts.band(c, "b", new double[] {1, 0}, new double[] {0, 0}, new double[] {1, 1}))
                .getMessage().contains("ascending"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Charts.band(c, "b", new double[] {0, 1}, new double[] {2, 2}, new double[] {1, 1}))
                .getMessage().contains("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Charts.band(c, "b", new double[] {0, 1}, new double[] {0}, new double[] {1, 1}))
                .getMessage().contains("as many"));
    }

    /** A pixel just inside the plot area's lower-left corner: from the image's centre, walk left and down
     *  while the colour stays the plot's background. */
    private static int[] cornerOfPlot(BufferedImage img) {
        int x = img.getWidth() / 2, y = img.getHeight() / 2;
        int bg = img.getRGB(x, 20 + img.getHeight() / 10);   // above the band, inside the plot
        int yb = 20 + img.getHeight() / 10;
        int xl = x;
        while (xl > 1 && img.getRGB(xl - 1, yb) == bg) xl--;
        return new int[] {xl + 3, yb};
    }
}
