/**
 * Notebook display: {@link org.largelr.notebook.Display} turns tables, charts and GD runs into HTML
 * or images in any Java kernel (IJava, JJava, rapaio), and
 * {@link org.largelr.notebook.LargelrDisplayProvider} registers the same renderers with the rapaio
 * kernel so that a cell ending in a {@code Table}, a chart or a {@code GdResult} shows them without a
 * call. Only the provider touches kernel classes; the kernel is a compile-only dependency.
 */
package org.largelr.notebook;
