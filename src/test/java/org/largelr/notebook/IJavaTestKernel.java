package org.largelr.notebook;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * IJava's kernel base (jupyter-jvm-basekernel, as IJava 1.3.0 bundles it) with its real renderer and default
 * registrations, and a stand-in for IJava's entry class: {@link #getKernelInstance()} answers as
 * {@code io.github.spencerpark.ijava.IJava.getKernelInstance()} does, the running kernel or null.
 */
final class IJavaTestKernel extends BaseKernel {
    private static volatile IJavaTestKernel running;

    /** What IJava's entry class holds while its kernel runs; read reflectively, as from IJava. */
    public static BaseKernel getKernelInstance() {
        return running;
    }

    static IJavaTestKernel start() {
        IJavaTestKernel k = new IJavaTestKernel();
        running = k;
        return k;
    }

    static void stop() {
        running = null;
    }

    @Override
    public DisplayData eval(String expr) {
        throw new UnsupportedOperationException("this test kernel evaluates nothing");
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java").build();
    }
}
