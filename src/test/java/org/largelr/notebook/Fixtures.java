package org.largelr.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.largelr.api.GdResult;
import org.largelr.api.GradientDescent;
import org.largelr.api.Matrices;
import org.largelr.api.Problem;
import org.largelr.api.Start;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Values a notebook cell ends in, shared by the display tests of every kernel. */
final class Fixtures {
    private Fixtures() {
    }

    /** A small trajectory table: columns step, loss, imbalance. */
    static Table trajectory(int rows) {
        return Table.create("trajectory",
                IntColumn.create("step", IntStream.range(0, rows).toArray()),
                DoubleColumn.create("loss", IntStream.range(0, rows).mapToDouble(i -> Math.pow(2, -i)).toArray()),
                DoubleColumn.create("imbalance", IntStream.range(0, rows).mapToDouble(i -> 3.0 / (1 + i)).toArray()));
    }

    static GdResult run() {
        Problem p = Problem.factorization(Matrices.gaussian(4, 3).seed(1).build(), 2);
        return GradientDescent.on(p).from(Start.gaussian(0.3).seed(2).unbalanced(3)).h(0.05)
                .maxSteps(50).run();
    }

    /** The image an {@code image/png} payload (base64 text, as Jupyter carries it) decodes to. */
    static BufferedImage decodePng(Object base64) {
        if (!(base64 instanceof String s)) throw new AssertionError("image/png payload is not base64 text: " + base64);
        byte[] png = Base64.getDecoder().decode(s);
        if (png.length < 8 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G')
            throw new AssertionError("payload is not a PNG");
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) throw new AssertionError("PNG does not decode");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
