/**
 * Sweeps: grids of GD runs (learning rates x starts x seeds x sizes), run on all cores, one row per run in a
 * Tablesaw table, in grid order whatever the thread count; streamed to CSV as rows finish, resumable, and
 * interruptible without losing finished rows. Entry point: {@link org.largelr.sweep.Sweep}.
 */
package org.largelr.sweep;
