package org.largelr.notebook;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.MimeType;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * The rapaio kernel's door to our {@link Rendering}s (listed in {@code META-INF/services}, which rapaio reads at
 * start, so nothing needs calling). The kernel asks each renderer whether the cell's value is of its class and
 * whether it can produce the requested MIME type, where {@code null} means "your default" and rapaio's short names
 * ({@code html}, {@code png}, {@code text}) are accepted too.
 */
public final class LargelrDisplayProvider implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return Rendering.ALL.stream().<DisplayRenderer>map(RapaioRenderer::new).toList();
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    /** Whether rapaio's request {@code asked} names {@code mime}, in full or by one of rapaio's short names. */
    static boolean names(String asked, String mime) {
        String a = asked.trim().toLowerCase(Locale.ROOT);
        return a.equals(mime) || Arrays.stream(MimeType.values())
                .anyMatch(t -> t.longType().equals(mime) && t.shortTypes().contains(a));
    }

    /** One {@link Rendering} as a rapaio renderer: the rich form with its text, or the text alone if asked. */
    static final class RapaioRenderer implements DisplayRenderer {
        private final Rendering<?> rendering;

        RapaioRenderer(Rendering<?> rendering) {
            this.rendering = rendering;
        }

        @Override
        public Class<?> rendererClass() {
            return rendering.type();
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || mime.isBlank() || names(mime, rendering.mimeType()) || names(mime, Rendering.TEXT);
        }

        @Override
        public DisplayData render(String mime, Object o) {
            boolean textOnly = mime != null && names(mime, Rendering.TEXT);
            Map<String, String> forms = rendering.render(o, m -> !textOnly || m.equals(Rendering.TEXT));
            DisplayData d = DisplayData.fromText(forms.get(Rendering.TEXT));
            forms.forEach(d::putData);
            return d;
        }
    }
}
