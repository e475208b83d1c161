package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Keys and de-duplication of measured kernel rows before their curves are fitted. */
final class MeasuredRows {
    private MeasuredRows() {
    }

    /** The rows with one per category, shape and grid point: a repeated measurement keeps its fastest time. */
    static List<KernelRow> dedupe(Collection<KernelRow> rows) {
        return fastestPer(rows, MeasuredRows::rowKey);
    }

    /**
     * As {@link #dedupe}, but rows of different kernels a launch chooses between
     * ({@link LaunchChoices}) are not duplicates of each other: a bundle's
     * table keeps both, so that a launch naming its kernel can read that kernel's rows
     * ({@link LaunchChoiceCurves}).
     */
    static List<KernelRow> dedupeKeepingLaunchChoices(KernelFamily family, Collection<KernelRow> rows) {
        return fastestPer(rows, r -> new ChoiceKey(rowKey(r), LaunchChoices.classOf(family, r.kernel())));
    }

    /** The fastest row of each key, in the order the keys first appear. */
    private static <K> List<KernelRow> fastestPer(Collection<KernelRow> rows, Function<KernelRow, K> key) {
        Map<K, KernelRow> best = new LinkedHashMap<>();
        for (KernelRow r : rows) {
            best.merge(key.apply(r), r, (a, b) -> b.latencyMs() < a.latencyMs() ? b : a);
        }
        return new ArrayList<>(best.values());
    }

    private static RowKey rowKey(KernelRow r) {
        return new RowKey(r.category(), new Coordinates(r.shape()), new Coordinates(r.grid()));
    }

    /** Raw coordinates as a map key: equal when every value is ({@link Arrays#equals(double[], double[])}). */
    record Coordinates(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Coordinates c && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** What makes a row a duplicate of another: its category, shape and grid point. */
    private record RowKey(String category, Coordinates shape, Coordinates grid) {
    }

    /** A row's key together with the launch choice of kernel that timed it ("" for none). */
    private record ChoiceKey(RowKey row, String kernelClass) {
    }
}
