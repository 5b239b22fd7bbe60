/**
 * The machinery behind {@link org.largelr.api.Sweep}: the flattened grid ({@link org.largelr.sweep.SweepPlan}),
 * the thread pool that runs it in grid-index batches, the rows by run index, and the resumable CSV store behind
 * the {@code RowStore} interface. Rows depend on the run index alone, never on threads or batches.
 */
package org.largelr.sweep;
