package org.largelr.paper;

import org.largelr.api.RunSettings;

/** The run knobs the paper's builders share (step budget, tolerances), held and checked once by RunSettings. */
final class Budget extends RunSettings<Budget> {
    /** The paper classes' defaults: 20,000 steps, the matrix stop rule (||grad|| <= 1e-10). */
    static Budget paper() {
        return new Budget().maxSteps(20_000);
    }
}
