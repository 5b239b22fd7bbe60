package org.largelr.notebook;

/**
 * One call that makes tables, charts, runs and {@link Html} show as HTML and PNG in whichever Java kernel runs
 * the notebook: {@code org.largelr.notebook.Kernels.setup();} as IJava's {@code IJAVA_STARTUP_SCRIPT} or in a
 * notebook's first cell. rapaio and JJava find our renderers by themselves ({@code META-INF/services}); there the
 * call only reports the kernel, as it does in plain jshell or any JVM without a kernel. Calling it again changes
 * nothing.
 */
public final class Kernels {

    /** The Java kernels we know, and none. */
    public enum Kind {
        /** rapaio-jupyter-kernel, our default (finds our displays through its DisplayProvider service). */
        RAPAIO("rapaio"),
        /** IJava (needs {@link Kernels#setup()}: it has no discovery). */
        IJAVA("IJava"),
        /** JJava (loads our Extension service by itself). */
        JJAVA("JJava"),
        /** No Jupyter kernel: plain jshell or a JVM. */
        NONE("no Jupyter kernel");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kernel's own name, so a setup cell's output reads "IJava". */
        @Override
        public String toString() {
            return label;
        }
    }

    // Classes whose presence tells a kernel's API is loadable; checked before any adapter class is touched.
    private static final String IJAVA_API = "io.github.spencerpark.jupyter.kernel.display.Renderer",
            JJAVA_API = "org.dflib.jjava.jupyter.kernel.BaseKernel",
            RAPAIO_PACKAGE = "org.rapaio.jupyter.kernel.";

    private Kernels() {
    }

    /** Registers our renderers with the running kernel if it needs that, and says which kernel it is. */
    public static Kind setup() {
        Kind kind = detect();
        switch (kind) {
            case IJAVA -> IJavaRenderers.registerWithRunningKernel();
            case JJAVA -> JJavaExtension.registerWithRunningKernel();
            case RAPAIO, NONE -> {
                // rapaio read our service file at start; without a kernel there is nothing to register with.
            }
        }
        return kind;
    }

    /**
     * The kernel running this JVM. A kernel counts only while it runs, never because its classes are on the
     * classpath: our own tests have all three APIs there.
     */
    public static Kind detect() {
        if (present(IJAVA_API) && IJavaRenderers.kernelRunning()) return Kind.IJAVA;
        if (present(JJAVA_API) && JJavaExtension.kernelRunning()) return Kind.JJAVA;
        if (rapaioRunning()) return Kind.RAPAIO;
        return Kind.NONE;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Kernels.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * rapaio keeps no reachable kernel instance (its holder class would start a kernel when first touched), but its
     * channels are threads of its own classes that live as long as it does.
     */
    private static boolean rapaioRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getClass().getName().startsWith(RAPAIO_PACKAGE));
    }
}
