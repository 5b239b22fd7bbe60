package org.largelr.notebook;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * JJava's door to our {@link Rendering}s: a JJava {@link Extension}, listed in {@code META-INF/services}, that
 * JJava installs by itself when the jar is on {@code JJAVA_CLASSPATH} (extensions are on by default). JJava's display
 * API is a fork of IJava's under another package: {@link BaseKernelRenderers} holds what the two adapters share.
 */
public final class JJavaExtension implements Extension {

    /** For {@link java.util.ServiceLoader}; JJava calls {@link #install(BaseKernel)} next. */
    public JJavaExtension() {
    }

    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /** Adds our renderings to {@code renderer}; false (and nothing added) if it already has them. */
    static boolean register(Renderer renderer) {
        return BaseKernelRenderers.registerOnce(renderer, r -> renderer.createRegistration(r.type())
                .preferring(r.mimeType()).supporting(Rendering.TEXT).register((value, context) -> r.render(value,
                        m -> context.wantsDataRenderedAs(MIMEType.parse(m))).forEach(context.getOutputContainer()::putData)));
    }

    /**
     * Registers with the JJava kernel running this JVM (a no-op when the extension was installed at start);
     * false if there is none or it already has them.
     */
    static boolean registerWithRunningKernel() {
        BaseKernel kernel = runningKernel();
        return kernel != null && register(kernel.getRenderer());
    }

    /** Whether a JJava kernel is running in this JVM. */
    static boolean kernelRunning() {
        return runningKernel() != null;
    }

    private static BaseKernel runningKernel() {
        try {
            return BaseKernel.notebookKernel();
        } catch (NullPointerException e) {
            // JJava's documented answer outside a kernel's lifetime (between onStartup and onShutdown).
            return null;
        }
    }
}
