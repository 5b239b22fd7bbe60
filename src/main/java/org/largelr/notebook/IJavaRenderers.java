package org.largelr.notebook;

import java.lang.reflect.InvocationTargetException;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * IJava's door to our {@link Rendering}s. IJava reads no service files, so {@link Kernels#setup()} calls
 * {@link #registerWithRunningKernel()}. Only this class touches IJava's API (the display classes of its base
 * library, jupyter-jvm-basekernel); {@link Kernels} calls it only after checking that they are present.
 */
final class IJavaRenderers {
    /** IJava's entry class: not on any registry, so reached by name; its static accessor holds the live kernel. */
    static final String KERNEL_CLASS = "io.github.spencerpark.ijava.IJava";

    private IJavaRenderers() {
    }

    /** Adds our renderings to {@code renderer}; false (and nothing added) if it already has them. */
    static boolean register(Renderer renderer) {
        // The kernel asks for text/plain plus the preferred type and hands us what was asked in the context.
        return BaseKernelRenderers.registerOnce(renderer, r -> renderer.createRegistration(r.type())
                .preferring(r.mimeType()).supporting(Rendering.TEXT).register((value, context) -> r.render(value,
                        m -> context.wantsDataRenderedAs(MIMEType.parse(m))).forEach(context.getOutputContainer()::putData)));
    }

    /** Registers with the IJava kernel running this JVM; false if there is none or it already has them. */
    static boolean registerWithRunningKernel() {
        Renderer renderer = runningKernelRenderer(KERNEL_CLASS);
        return renderer != null && register(renderer);
    }

    /** Whether an IJava kernel is running in this JVM. */
    static boolean kernelRunning() {
        return runningKernelRenderer(KERNEL_CLASS) != null;
    }

    /**
     * The renderer of the kernel that {@code kernelClass.getKernelInstance()} returns, or null if that class is
     * absent or holds no kernel (IJava sets it for the kernel's lifetime, before the first cell and the startup
     * script run).
     */
    static Renderer runningKernelRenderer(String kernelClass) {
        Class<?> entry;
        try {
            entry = Class.forName(kernelClass, true, IJavaRenderers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            Object kernel = entry.getMethod("getKernelInstance").invoke(null);
            return kernel instanceof BaseKernel k ? k.getRenderer() : null;
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(kernelClass + " is present but its getKernelInstance() cannot be called: "
                    + e, e);
        }
    }
}
