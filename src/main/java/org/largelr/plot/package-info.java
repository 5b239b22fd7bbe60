/**
 * Charts of runs and sweeps. {@link org.largelr.plot.Charts} is the door ({@code Charts.loss(run1, run2)},
 * {@code Charts.phase(sweep).build()}, ...); {@link org.largelr.plot.LinePlot} and
 * {@link org.largelr.plot.PhaseDiagram} are the builders behind it, {@link org.largelr.plot.PlotTheme} holds every
 * size, colour and font. Charts are plain XChart {@code XYChart}s the caller can restyle; nothing here writes a
 * file. Diverged and non-finite values are clipped with a note in the legend, and axes keep their labels apart.
 */
package org.largelr.plot;
