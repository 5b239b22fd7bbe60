package org.largelr.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.knowm.xchart.internal.chartpart.Chart;
import org.largelr.api.GdResult;

import tech.tablesaw.api.Table;

/**
 * What one of our types shows as in a notebook: one rich MIME type and a {@code text/plain} fallback.
 * {@link #ALL} is the only place that decides it; each kernel adapter ({@link LargelrDisplayProvider} for rapaio,
 * {@link IJavaRenderers}, {@link JJavaExtension}) only translates these entries into its kernel's renderer API.
 *
 * @param type     the values this entry renders (subclasses included)
 * @param mimeType the rich form's MIME type
 * @param rich     the rich form: HTML source, or base64 PNG as Jupyter's {@code image/png} payload expects
 * @param text     the plain-text form
 */
record Rendering<T>(Class<T> type, String mimeType, Function<? super T, String> rich,
        Function<? super T, String> text) {

    static final String TEXT = "text/plain", HTML = "text/html", PNG = "image/png";

    static final List<Rendering<?>> ALL = List.of(
            new Rendering<>(Table.class, HTML, t -> Display.html(t).source(), Table::toString),
            new Rendering<>(GdResult.class, HTML, r -> Display.html(r).source(), GdResult::toString),
            new Rendering<>(Html.class, HTML, Html::source, Html::source),
            // The value a setup cell ends with: the same output in every kernel (rapaio would send any value as HTML).
            new Rendering<>(Kernels.Kind.class, HTML, k -> "<span>" + HtmlFormat.escape(k.toString()) + "</span>",
                    Kernels.Kind::toString),
            new Rendering<Chart<?, ?>>(chartClass(), PNG, Display::pngBase64, Rendering::describe));

    /**
     * The forms of {@code value} whose MIME type {@code wanted} accepts, rich first. Kernels differ in how they
     * say which forms they want, never in what a form contains.
     */
    Map<String, String> render(Object value, Predicate<String> wanted) {
        T v = type.cast(value);
        Map<String, String> forms = new LinkedHashMap<>(4);
        if (wanted.test(mimeType)) forms.put(mimeType, rich.apply(v));
        if (wanted.test(TEXT)) forms.put(TEXT, text.apply(v));
        return forms;
    }

    /** Kernel renderers that already hold our entries, by identity and without keeping a dead kernel alive. */
    private static final Set<Object> REGISTERED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * True the first time it is asked about a kernel's renderer, false after. Kernel renderers have no
     * "unregister" and call every function registered for a class, so registering twice would render twice.
     */
    static boolean firstRegistration(Object kernelRenderer) {
        return REGISTERED.add(kernelRenderer);
    }

    private static String describe(Chart<?, ?> c) {
        String title = c.getTitle() == null || c.getTitle().isBlank() ? "" : " '" + c.getTitle() + "'";
        return c.getClass().getSimpleName() + title + " " + c.getWidth() + "x" + c.getHeight();
    }

    @SuppressWarnings("unchecked")
    private static Class<Chart<?, ?>> chartClass() {
        return (Class<Chart<?, ?>>) (Class<?>) Chart.class;
    }
}
