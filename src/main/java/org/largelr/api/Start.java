package org.largelr.api;

import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.largelr.matrix.MatrixChecks;

/**
 * A recipe for the initial point {@code (X0, Y0)} of a problem. Recipes are values: the same recipe
 * on the same problem always gives the same matrices.
 *
 * <pre>{@code
 * Start s = Start.gaussian(0.5).seed(3).unbalanced(4);   // X0 * 4, Y0 / 4
 * Factors p0 = s.create(problem);
 * }</pre>
 */
public interface Start {

    /** Builds {@code (X0, Y0)} with the problem's shapes. */
    Factors create(Problem problem);

    /** The seed that drew the start, or -1 when nothing random was drawn. */
    default long seed() {
        return -1;
    }

    /** Short description for tables and chart legends. */
    String describe();

    /** The recipe without its seed, for a sweep's {@code start} column (no commas: it goes into CSV cells). */
    default String label() {
        return describe().replace(',', ';');
    }

    /** Whether the recipe has one entry scale ({@link #scale()}): a Gaussian draw with the same scale for X0 and Y0. */
    default boolean hasScale() {
        return false;
    }

    /**
     * The entry scale of a Gaussian draw (before any imbalance factor).
     *
     * @throws IllegalStateException when the recipe has none ({@link #hasScale()} is false: given points,
     *     {@code withNorms}, a Gaussian with two scales); a sweep's {@code scale} column is missing there
     */
    default double scale() {
        throw new IllegalStateException("the start " + describe() + " has no single entry scale (hasScale() is false)");
    }

    /** The same recipe drawn from another seed; a recipe that draws nothing is returned unchanged. */
    default Start withSeed(long seed) {
        return this;
    }

    /** X0 times c and Y0 divided by c: keeps {@code X0 Y0^T} (homogeneity), moves the imbalance. */
    default Start unbalanced(double c) {
        MatrixChecks.requirePositive("c", c);
        Start base = this;
        return new Start() {
            @Override
            public Factors create(Problem problem) {
                Factors f = base.create(problem);
                DMatrixRMaj x = f.x().copy(), y = f.y().copy();
                for (int k = 0; k < x.data.length; k++) x.data[k] *= c;
                for (int k = 0; k < y.data.length; k++) y.data[k] /= c;
                return new Factors(x, y);
            }

            @Override public long seed() { return base.seed(); }
            @Override public String describe() { return base.describe() + ", unbalanced c=" + c; }
            @Override public String label() { return base.label() + " c=" + c; }
            @Override public Start withSeed(long s) { return base.withSeed(s).unbalanced(c); }
            @Override public boolean hasScale() { return base.hasScale(); }
            @Override public double scale() { return base.scale(); }
        };
    }

    /** Entries i.i.d. N(0, scale^2); choose the seed with {@link GaussianStart#seed(long)} (default 0). */
    static GaussianStart gaussian(double scale) {
        return new GaussianStart(scale, scale, 0L);
    }

    /** Random directions (seeded) scaled to the given Frobenius norms {@code ||X0||_F, ||Y0||_F}. */
    static NormStart withNorms(double xNorm, double yNorm) {
        return new NormStart(xNorm, yNorm, gaussian(1));
    }

    /** The given matrices, checked against the problem's shapes. */
    static Start given(DMatrixRMaj x0, DMatrixRMaj y0) {
        if (x0 == null || y0 == null)
            throw new IllegalArgumentException("given start: " + (x0 == null ? "x0" : "y0") + " must not be null");
        Factors f = new Factors(x0.copy(), y0.copy());
        return new Start() {
            @Override
            public Factors create(Problem problem) {
                problem.requireShape(f);
                return f.copy();
            }

            @Override public String describe() { return "given"; }
        };
    }

    /** The scalar point {@code (x0, y0)}. */
    static Start scalar(double x0, double y0) {
        MatrixChecks.requireFinite("x0", x0);
        MatrixChecks.requireFinite("y0", y0);
        return new Start() {
            @Override
            public Factors create(Problem problem) {
                Factors f = Factors.scalar(x0, y0);
                problem.requireShape(f);
                return f;
            }

            @Override public String describe() { return "(x0, y0) = (" + x0 + ", " + y0 + ")"; }
            @Override public String label() { return "point"; }
        };
    }

    /** A recipe that draws from a seed: {@link #withSeed} is its {@link #seed(long)}. */
    interface Seeded extends Start {
        /**
         * @param newSeed the seed to draw from
         * @return the same recipe drawn from {@code newSeed}
         */
        Seeded seed(long newSeed);

        @Override
        default Start withSeed(long newSeed) {
            return seed(newSeed);
        }
    }

    /** Checks the two sizes of a seeded recipe, one for X0 and one for Y0: each finite and positive. */
    private static void requirePositive(String xName, double x, String yName, double y) {
        MatrixChecks.requirePositive(xName, x);
        MatrixChecks.requirePositive(yName, y);
    }

    /** Seeded Gaussian start; X0 is drawn before Y0 from one generator. */
    record GaussianStart(double xScale, double yScale, long seed) implements Seeded {
        /** Checks that both scales are finite and positive. */
        public GaussianStart {
            requirePositive("scale", xScale, "scale", yScale);
        }

        /** The same recipe drawn from another seed. */
        @Override
        public GaussianStart seed(long newSeed) {
            return new GaussianStart(xScale, yScale, newSeed);
        }

        @Override public boolean hasScale() { return xScale == yScale; }

        @Override
        public double scale() {
            return hasScale() ? xScale : Seeded.super.scale();
        }

        @Override
        public String label() {
            return xScale == yScale ? "gaussian " + xScale : "gaussian " + xScale + "/" + yScale;
        }

        /** Different scales for X0 and Y0. */
        public GaussianStart scales(double newXScale, double newYScale) {
            return new GaussianStart(newXScale, newYScale, seed);
        }

        @Override
        public Factors create(Problem problem) {
            Random random = new Random(seed);
            DMatrixRMaj x = new DMatrixRMaj(problem.rows(), problem.d());
            DMatrixRMaj y = new DMatrixRMaj(problem.cols(), problem.d());
            for (int k = 0; k < x.data.length; k++) x.data[k] = xScale * random.nextGaussian();
            for (int k = 0; k < y.data.length; k++) y.data[k] = yScale * random.nextGaussian();
            return new Factors(x, y);
        }

        @Override
        public String describe() {
            return xScale == yScale ? "gaussian(" + xScale + ", seed " + seed + ")"
                    : "gaussian(" + xScale + "/" + yScale + ", seed " + seed + ")";
        }
    }

    /**
     * Random directions with prescribed Frobenius norms: the {@code directions} draw, each factor rescaled to its
     * norm (so the draw's scale does not matter, its seed does).
     */
    record NormStart(double xNorm, double yNorm, GaussianStart directions) implements Seeded {
        /** Checks that both norms are finite and positive, and that there are directions to rescale. */
        public NormStart {
            requirePositive("xNorm", xNorm, "yNorm", yNorm);
            if (directions == null) throw new IllegalArgumentException("directions must not be null");
        }

        /** The seed of the directions. */
        @Override public long seed() { return directions.seed(); }

        /** The same norms with directions drawn from another seed. */
        @Override
        public NormStart seed(long newSeed) {
            return new NormStart(xNorm, yNorm, directions.seed(newSeed));
        }

        @Override public String label() { return "norms " + xNorm + "/" + yNorm; }

        @Override
        public Factors create(Problem problem) {
            Factors g = directions.create(problem);
            DMatrixRMaj x = g.x(), y = g.y();
            double sx = xNorm / Math.sqrt(g.xNorm2()), sy = yNorm / Math.sqrt(g.yNorm2());
            for (int k = 0; k < x.data.length; k++) x.data[k] *= sx;
            for (int k = 0; k < y.data.length; k++) y.data[k] *= sy;
            return new Factors(x, y);
        }

        @Override
        public String describe() {
            return "norms (" + xNorm + ", " + yNorm + "), seed " + seed();
        }
    }
}
