package org.largelr.paper;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Panels in a grid, drawn into one image: the paper's scalar figure has one row per start and one column per
 * learning rate, which XChart (one plot per chart) cannot draw by itself. Every Java kernel shows a
 * {@link BufferedImage} as a PNG.
 */
public final class ScalarFigure {
    private ScalarFigure() {}

    /**
     * The charts row by row, {@code columns} per row; each cell is as large as the largest chart, and each chart
     * is drawn at its own size.
     */
    public static BufferedImage grid(List<? extends Chart<?, ?>> charts, int columns) {
        if (charts == null || charts.isEmpty()) throw new IllegalArgumentException("charts must not be empty");
        if (columns < 1) throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        int cellW = 0, cellH = 0;
        for (Chart<?, ?> c : charts) {
            cellW = Math.max(cellW, c.getWidth());
            cellH = Math.max(cellH, c.getHeight());
        }
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        if ((long) cellW * cols * cellH * rows > 40_000_000L)
            throw new IllegalArgumentException("the grid would be " + cellW * cols + "x" + cellH * rows
                    + " pixels; use smaller charts or fewer panels");
        BufferedImage img = new BufferedImage(cellW * cols, cellH * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (int k = 0; k < charts.size(); k++) {
                Chart<?, ?> c = charts.get(k);
                Graphics2D cell = (Graphics2D) g.create((k % columns) * cellW, (k / columns) * cellH,
                        c.getWidth(), c.getHeight());
                try {
                    c.paint(cell, c.getWidth(), c.getHeight());
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
