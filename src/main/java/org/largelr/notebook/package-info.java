/**
 * Notebook display, the same in every Java kernel. {@link org.largelr.notebook.Display} turns tables, charts and GD
 * runs into HTML ({@link org.largelr.notebook.Html}) or images; {@code Rendering} is the one place that says what a
 * cell ending in a {@code Table}, an XChart chart, a {@code GdResult} or an {@code Html} shows as; and one thin
 * adapter per kernel translates that into the kernel's renderer: {@link org.largelr.notebook.LargelrDisplayProvider}
 * (rapaio) and {@link org.largelr.notebook.JJavaExtension} (JJava) are found through {@code META-INF/services},
 * {@code IJavaRenderers} is installed by {@link org.largelr.notebook.Kernels#setup()}, the one call that works in
 * every kernel; IJava's and JJava's adapters share {@code BaseKernelRenderers} (their APIs are forks of one). Only the adapters touch kernel classes; the kernels are compile-only dependencies.
 */
package org.largelr.notebook;
