package org.largelr.api;

/** How a run ended. */
public enum Outcome {
    /** The loss or gradient-norm tolerance was met. */
    CONVERGED,
    /** A value became non-finite or the loss exceeded the divergence bound. */
    DIVERGED,
    /** The step budget ran out first. */
    MAX_STEPS
}
