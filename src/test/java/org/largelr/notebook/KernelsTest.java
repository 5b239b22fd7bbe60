package org.largelr.notebook;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

class KernelsTest {

    private static boolean jjavaShowsHtml(JJavaTestKernel k) {
        return k.getRenderer().render(Fixtures.trajectory(2)).hasDataForType(MIMEType.TEXT_HTML);
    }

    @Test
    void aPlainJvmIsNoKernelEvenWithEveryKernelsApiOnTheClasspath() throws ClassNotFoundException {
        for (String api : new String[] {"io.github.spencerpark.jupyter.kernel.display.Renderer",
                "org.dflib.jjava.jupyter.kernel.BaseKernel", "org.rapaio.jupyter.kernel.display.DisplaySystem"})
            Class.forName(api);
        assertEquals(Kernels.Kind.NONE, Kernels.detect());
        assertEquals(Kernels.Kind.NONE, Kernels.setup());
        assertEquals("no Jupyter kernel", Kernels.setup().toString());
    }

    @Test
    void jjavaFindsTheExtensionThroughItsServiceFile() throws IOException {
        assertTrue(ServiceLoader.load(Extension.class).stream().anyMatch(p -> p.type() == JJavaExtension.class));
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/services/org.dflib.jjava.jupyter.Extension")) {
            assertNotNull(in);
            assertEquals(JJavaExtension.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    @Test
    void underJJavaSetupSeesTheKernelAndAddsNothingTwice() {
        try (JJavaTestKernel k = JJavaTestKernel.start(true)) {
            assertTrue(jjavaShowsHtml(k), "JJava did not install the extension at start");
            assertEquals(Kernels.Kind.JJAVA, Kernels.detect());
            assertEquals(Kernels.Kind.JJAVA, Kernels.setup());
            assertEquals(Kernels.Kind.JJAVA, Kernels.setup());
            assertFalse(JJavaExtension.register(k.getRenderer()), "registered a second time");
            assertTrue(jjavaShowsHtml(k));
        }
        assertEquals(Kernels.Kind.NONE, Kernels.detect(), "a stopped JJava kernel still counts");
    }

    @Test
    void underJJavaWithExtensionsOffSetupRegisters() {
        try (JJavaTestKernel k = JJavaTestKernel.start(false)) {
            assertFalse(jjavaShowsHtml(k), "extensions were off, yet a table showed as HTML");
            assertEquals(Kernels.Kind.JJAVA, Kernels.setup());
            assertTrue(jjavaShowsHtml(k));
        }
    }

    @Test
    void theIJavaKernelIsFoundThroughItsEntryClassOnlyWhileItRuns() {
        String entry = IJavaTestKernel.class.getName();
        assertNull(IJavaRenderers.runningKernelRenderer(entry));
        IJavaTestKernel k = IJavaTestKernel.start();
        try {
            assertSame(k.getRenderer(), IJavaRenderers.runningKernelRenderer(entry));
            assertTrue(IJavaRenderers.register(k.getRenderer()));
            assertFalse(IJavaRenderers.register(k.getRenderer()), "registered a second time");
        } finally {
            IJavaTestKernel.stop();
        }
        assertNull(IJavaRenderers.runningKernelRenderer(entry));
        assertNull(IJavaRenderers.runningKernelRenderer(IJavaRenderers.KERNEL_CLASS), "IJava is not in this JVM");
    }

    @Test
    void anEntryClassWithoutTheAccessorIsAClearError() {
        var e = assertThrows(IllegalStateException.class, () -> IJavaRenderers.runningKernelRenderer("java.lang.String"));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        assertTrue(e.getMessage().contains("getKernelInstance"), e.getMessage());
    }
}
