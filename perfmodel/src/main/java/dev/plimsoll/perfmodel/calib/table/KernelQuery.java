package dev.plimsoll.perfmodel.calib.table;

import java.util.Arrays;

/**
 * A kernel configuration to price, in a table's terms.
 *
 * @param family       kernel table family
 * @param category     category labels joined by {@link KernelRow#SEPARATOR}
 * @param shape        shape column values (raw)
 * @param grid         grid column values (raw) at which the measured curves are read
 * @param queryTokens  attention families: new tokens per request (the roofline uses it)
 * @param prefixTokens attention families: tokens already cached per request
 * @param standIn      the grid point stands in for a configuration the tables cannot express (a
 *                     prefill chunk over a cached prefix, several decode tokens per request): the
 *                     answer is at best TRANSFERRED
 */
public record KernelQuery(KernelFamily family, String category, double[] shape, double[] grid, double queryTokens,
                          double prefixTokens, boolean standIn) {

    /** The query that reproduces a measured row. */
    public static KernelQuery ofRow(KernelFamily family, KernelRow row) {
        return of(family, row.category(), row.shape(), row.grid());
    }

    /** A query on the table's own terms (attention spans follow from the grid). */
    public static KernelQuery of(KernelFamily family, String category, double[] shape, double[] grid) {
        switch (family) {
            case CONTEXT_ATTENTION:
            case CONTEXT_MLA:
                return new KernelQuery(family, category, shape, grid, grid[1], 0, false);
            case GENERATION_ATTENTION:
            case GENERATION_MLA:
                return new KernelQuery(family, category, shape, grid, 1, grid[1], false);
            case DSA_ATTENTION:
            case DSA_INDEXER:
            case DSA_TOPK:
                return new KernelQuery(family, category, shape, grid, grid[1], grid[2], false);
            default:
                return new KernelQuery(family, category, shape, grid, 0, 0, false);
        }
    }

    /** The same query read from another category of its family. */
    public KernelQuery withCategory(String other) {
        return new KernelQuery(family, other, shape, grid, queryTokens, prefixTokens, standIn);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KernelQuery)) {
            return false;
        }
        KernelQuery q = (KernelQuery) o;
        return family == q.family && category.equals(q.category) && Arrays.equals(shape, q.shape)
                && Arrays.equals(grid, q.grid) && Double.compare(queryTokens, q.queryTokens) == 0
                && Double.compare(prefixTokens, q.prefixTokens) == 0 && standIn == q.standIn;
    }

    @Override
    public int hashCode() {
        int h = family.hashCode() * 31 + category.hashCode();
        h = h * 31 + Arrays.hashCode(shape);
        h = h * 31 + Arrays.hashCode(grid);
        h = h * 31 + Double.hashCode(queryTokens);
        return h * 31 + Double.hashCode(prefixTokens) + (standIn ? 1 : 0);
    }

    @Override
    public String toString() {
        return family.key() + "[" + category + " shape=" + Arrays.toString(shape) + " grid=" + Arrays.toString(grid)
                + (standIn ? " stand-in" : "") + "]";
    }
}
