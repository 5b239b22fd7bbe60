package org.largelr.notebook;

/**
 * One call that makes tables, charts, runs and {@link Html} show as HTML and PNG in whichever Java kernel runs
 * the notebook: {@code org.largelr.notebook.Kernels.setup();} as IJava's {@code IJAVA_STARTUP_SCRIPT} or in a
 * notebook's first cell. rapaio and JJava find our renderers by themselves ({@code META-INF/services}); there the
 * call only reports the kernel, as it does in plain jshell or any JVM without a kernel. In a kernel it also starts
 * {@link #warmUp()}. Calling it again changes nothing.
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
        // In a kernel the first real call follows soon: compile the hot loops meanwhile (measured: a first sweep
        // in a fresh kernel takes 5-12x its warm time without this, about 1.1x after it).
        if (kind != Kind.NONE) warmUp();
        switch (kind) {
            case IJAVA -> IJavaRenderers.registerWithRunningKernel();
            case JJAVA -> JJavaExtension.registerWithRunningKernel();
            case RAPAIO, NONE -> {
                // rapaio read our service file at start; without a kernel there is nothing to register with.
            }
        }
        return kind;
    }

    private static Thread warmUp;

    /**
     * Starts, once per JVM, a background warm-up of the library's hot loops: a small scalar sweep, a short scalar run
     * and a short matrix run (a few tenths of a second of one core), so that the JIT has compiled them and their classes are loaded
     * when a notebook's first real sweep or run starts. A daemon thread: it never keeps the JVM alive, and its
     * results are thrown away. Returns the thread (join it to wait).
     */
    public static synchronized Thread warmUp() {
        if (warmUp == null) {
            // Tablesaw first, here: the warm-up builds tables while the notebook's next cell may too (Tables.load).
            org.largelr.table.Tables.load();
            warmUp = new Thread(Kernels::exercise, "largelr-warm-up");
            warmUp.setDaemon(true);
            warmUp.setPriority(Thread.MIN_PRIORITY);
            warmUp.start();
        }
        return warmUp;
    }

    private static void exercise() {
        try {
            for (int i = 0; i < 3; i++)
                org.largelr.api.Sweep.scalar(1.0).h(org.largelr.api.Grid.linear(0.01, 1.0, 64))
                        .x0(org.largelr.api.Grid.linear(0.1, 3.0, 64)).y0(0.5).maxSteps(2000).threads(1)
                        .progress(org.largelr.api.SweepProgress.none()).run().table();
            org.largelr.api.GradientDescent.on(org.largelr.api.Problem.scalar(1))
                    .from(org.largelr.api.Factors.scalar(3, 0.1)).h(0.3).maxSteps(300_000).recordEvery(100).run();
            // A matrix run just big enough that its steps split over two threads, L by Lanczos at the start, every
            // metric every step: the paths of a notebook's first factorization run.
            int n = 168;
            var a = org.largelr.api.Matrices.gaussian(n, n).scale(1 / Math.sqrt(n)).seed(0).build();
            org.largelr.api.GradientDescent.on(org.largelr.api.Problem.factorization(a, 10))
                    .from(org.largelr.api.Start.gaussian(0.1).seed(1)).h(0.01).maxSteps(300).recordEvery(1).run();
        } catch (RuntimeException | LinkageError e) {
            // A warm-up that fails costs nothing but its speed-up; the real call reports any real problem.
        }
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
