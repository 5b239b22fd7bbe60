package org.largelr.api;

/**
 * What every chart builder of the family sets alike: the title, log axes and the size in pixels, with self-typed
 * setters, and the themed chart they start from.
 *
 * @param <T> the builder itself
 */
abstract class ChartBuilder<T extends ChartBuilder<T>> {
    private final int minWidth, minHeight;
    /** The title given, or null for the builder's own default. */
    String title;
    boolean logX, logY;
    int width, height;

    ChartBuilder(int width, int height, int minWidth, int minHeight) {
        this.width = width;
        this.height = height;
        this.minWidth = minWidth;
        this.minHeight = minHeight;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /**
     * @param t the chart title (default: one naming what is drawn)
     * @return this builder
     */
    public T title(String t) {
        this.title = t;
        return self();
    }

    /** @return this builder, with a log x axis */
    public T logX() {
        this.logX = true;
        return self();
    }

    /** @return this builder, with a log y axis */
    public T logY() {
        this.logY = true;
        return self();
    }

    /**
     * @param w width in pixels (at least 50 for a line plot, 200 for a phase diagram)
     * @param h height in pixels (at least 50 for a line plot, 150 for a phase diagram)
     * @return this builder
     */
    public T size(int w, int h) {
        if (w < minWidth || h < minHeight)
            throw new IllegalArgumentException("size must be at least " + minWidth + "x" + minHeight + " pixels, got "
                    + w + "x" + h);
        this.width = w;
        this.height = h;
        return self();
    }

    /** A chart of this size with the theme, the title (or {@code defaultTitle}), the axis titles and log axes. */
    ThemedChart chart(String defaultTitle, String xAxisTitle, String yAxisTitle) {
        ThemedChart chart = new ThemedChart(width, height);
        chart.setTitle(title != null ? title : defaultTitle);
        chart.setXAxisTitle(xAxisTitle);
        chart.setYAxisTitle(yAxisTitle);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        return chart;
    }
}
