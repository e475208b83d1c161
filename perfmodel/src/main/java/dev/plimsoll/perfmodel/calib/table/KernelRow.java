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

    public static String joinCategory(java.util.List<String> labels) {
        return String.join(SEPARATOR, labels);
    }

    /** The labels of a category, empty ones kept (a fresh array each call). */
    public static String[] splitCategory(String category) {
        int n = 1;
        for (int i = category.indexOf(SEPARATOR); i >= 0; i = category.indexOf(SEPARATOR, i + 1)) {
            n++;
        }
        String[] out = new String[n];
        int from = 0;
        for (int k = 0; k < n - 1; k++) {
            int to = category.indexOf(SEPARATOR, from);
            out[k] = category.substring(from, to);
            from = to + 1;
        }
        out[n - 1] = category.substring(from);
        return out;
    }
}
