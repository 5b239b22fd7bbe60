package org.largelr.notebook;

import java.util.function.Consumer;

/**
 * What IJava's display API (jupyter-jvm-basekernel) and JJava's fork of it (the same classes under another package)
 * share: our {@link Rendering}s go to a kernel's renderer once, each entry through the kernel's own registration
 * call, which {@link IJavaRenderers} and {@link JJavaExtension} pass in. Names no kernel class, so it loads where
 * neither kernel is present.
 */
final class BaseKernelRenderers {
    private BaseKernelRenderers() {
    }

    /**
     * Registers every {@link Rendering} with {@code renderer} through {@code registration}; false (and nothing
     * registered) if this renderer already has them.
     */
    static boolean registerOnce(Object renderer, Consumer<Rendering<?>> registration) {
        Display.requireNonNull(renderer, "renderer");
        if (!Rendering.firstRegistration(renderer)) return false;
        Rendering.ALL.forEach(registration);
        return true;
    }
}
