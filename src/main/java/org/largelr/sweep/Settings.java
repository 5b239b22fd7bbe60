package org.largelr.sweep;

import java.nio.file.Path;

import org.largelr.core.StopRule;

/** The knobs both kinds of sweep share, validated where they are set. */
final class Settings {
    long steps = 1000;
    double lossTolerance, gradTolerance;
    double divergenceBound = StopRule.DEFAULT_DIVERGENCE_BOUND;
    int threads = Runtime.getRuntime().availableProcessors();
    SweepProgress progress = SweepProgress.lines();
    Path csv;
    int recordEvery;   // 0: keep no trajectories

    Settings(double lossTolerance, double gradTolerance) {
        this.lossTolerance = lossTolerance;
        this.gradTolerance = gradTolerance;
    }

    void steps(long k) {
        if (k < 0) throw new IllegalArgumentException("steps must be >= 0, got " + k);
        steps = k;
    }

    void lossTolerance(double t) {
        if (!(t >= 0) || !Double.isFinite(t))
            throw new IllegalArgumentException("lossTolerance must be finite and >= 0 (0: off), got " + t);
        lossTolerance = t;
    }

    void gradTolerance(double t) {
        if (!(t >= 0) || !Double.isFinite(t))
            throw new IllegalArgumentException("gradTolerance must be finite and >= 0 (0: off), got " + t);
        gradTolerance = t;
    }

    void divergenceBound(double b) {
        if (!(b > 0) || !Double.isFinite(b))
            throw new IllegalArgumentException("divergenceBound must be finite and > 0, got " + b);
        divergenceBound = b;
    }

    void threads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        threads = n;
    }

    void progress(SweepProgress p) {
        progress = p == null ? SweepProgress.none() : p;
    }

    void recordEvery(int k) {
        if (k < 1) throw new IllegalArgumentException("keepTrajectories: recordEvery must be >= 1, got " + k);
        recordEvery = k;
    }

    String canonical() {
        return "steps=" + steps + ";lossTol=" + lossTolerance + ";gradTol=" + gradTolerance + ";bound=" + divergenceBound;
    }

    static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? "," : "").append(v[i]);
        return sb.append(']').toString();
    }
}
