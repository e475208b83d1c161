package dev.plimsoll.perfmodel.calib.table;

/**
 * One measured kernel configuration, raw (unscaled) values in the family's column order.
 *
 * @param category  category labels joined by {@link #SEPARATOR}
 * @param shape     shape column values
 * @param grid      grid column values
 * @param kernel    kernel_source ("" when the table has none)
 * @param latencyMs measured time of one call
 * @param line      1-based line in the source file, for messages
 */
public record KernelRow(String category, double[] shape, double[] grid, String kernel, double latencyMs, int line) {
    public static final String SEPARATOR = "|";
    private static final java.util.regex.Pattern SPLIT = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(SEPARATOR));

    public static String joinCategory(java.util.List<String> labels) {
        return String.join(SEPARATOR, labels);
    }

    public static String[] splitCategory(String category) {
        return SPLIT.split(category, -1);
    }
}
