package dev.plimsoll.gui.common;

/**
 * Inline styles for chart series nodes: a line chart resets its series' style classes whenever
 * series are added, so per-series looks are set inline rather than by a class.
 */
public final class ChartStyles {
    /** Symbols only: a scatter drawn on a line chart. */
    public static final String NO_LINE = "-fx-stroke: transparent;";
    /** The roof of a roofline chart. */
    public static final String ROOF_LINE = "-fx-stroke-width: 2.5px;";
    /** The predicted = measured diagonal. */
    public static final String DIAGONAL = "-fx-stroke-width: 1px; -fx-stroke-dash-array: 6 4;";

    private ChartStyles() {
    }
}
