package org.largelr.notebook;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * JJava's own kernel base with nothing but the parts displays use: its renderer (with JJava's default
 * registrations), its extension discovery and its lifecycle ({@link #onStartup()} makes it the notebook's kernel,
 * {@link #onShutdown(boolean)} undoes that). No connection, no shell.
 */
final class JJavaTestKernel extends BaseKernel implements AutoCloseable {

    /** Builds the kernel and starts it as JJava's launcher does. */
    static JJavaTestKernel start(boolean extensionsEnabled) {
        JJavaTestKernel k = new JJavaTestKernel(extensionsEnabled);
        k.onStartup();
        return k;
    }

    private JJavaTestKernel(boolean extensionsEnabled) {
        super("test", "0", new LanguageInfo.Builder("java").build(), List.of(), null,
                new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null, new MagicsRegistry(),
                extensionsEnabled, new StringStyler.Builder().build());
    }

    @Override
    public void close() {
        onShutdown(false);
    }

    @Override
    public Object evalRaw(String source) {
        throw new UnsupportedOperationException("this test kernel evaluates nothing");
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return null;
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_YES;
    }
}
