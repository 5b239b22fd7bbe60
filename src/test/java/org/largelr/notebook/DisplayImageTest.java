package org.largelr.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class DisplayImageTest {

    static XYChart lineChart(int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title("loss").xAxisTitle("step").build();
        c.addSeries("loss", new double[] {0, 1, 2, 3, 4}, new double[] {1, 0.5, 0.25, 0.125, 0.0625});
        return c;
    }

    /** Distinct colours in the image: a blank or single-colour image has one or two. */
    static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3)
            for (int x = 0; x < img.getWidth(); x += 3) seen.add(img.getRGB(x, y));
        return seen.size();
    }

    @Test
    void aChartIsDrawnAtItsOwnSizeWithSomethingOnIt() {
        BufferedImage img = Display.image(lineChart(640, 400));
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(colours(img) > 10, "looks blank: " + colours(img) + " colours");
    }

    @Test
    void absurdSizesAreClampedNotObeyed() {
        BufferedImage tiny = Display.image(lineChart(3, 5000));
        assertEquals(Display.MIN_SIDE, tiny.getWidth());
        assertEquals(Display.MAX_SIDE, tiny.getHeight());
    }

    @Test
    void pngBytesDecodeBackToTheChartSize() throws IOException {
        byte[] png = Display.png(lineChart(300, 200));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(300, back.getWidth());
        assertEquals(200, back.getHeight());
        BufferedImage viaBase64 = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(Display.pngBase64(lineChart(300, 200)))));
        assertEquals(300, viaBase64.getWidth());
    }

    @Test
    void aHeatMapRendersToo() {
        HeatMapChart c = new HeatMapChartBuilder().width(320).height(240).title("heat").build();
        c.addSeries("z", new int[] {0, 1, 2}, new int[] {0, 1},
                new int[][] {{0, 0, 1}, {1, 0, 2}, {2, 0, 3}, {0, 1, 4}, {1, 1, 5}, {2, 1, 6}});
        BufferedImage img = Display.image(c);
        assertEquals(320, img.getWidth());
        assertTrue(colours(img) > 5);
    }

    @Test
    void nullIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Display.image(null));
        assertTrue(e.getMessage().contains("chart"));
    }
}
