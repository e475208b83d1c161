package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keys and de-duplication of measured kernel rows before their curves are fitted. */
final class MeasuredRows {
    private MeasuredRows() {
    }

    /** The rows with one per category, shape and grid point: a repeated measurement keeps its fastest time. */
    static List<KernelRow> dedupe(Collection<KernelRow> rows) {
        Map<RowKey, KernelRow> best = new LinkedHashMap<>();
        for (KernelRow r : rows) {
            RowKey key = new RowKey(r.category(), new Coordinates(r.shape()), new Coordinates(r.grid()));
            best.merge(key, r, (a, b) -> b.latencyMs() < a.latencyMs() ? b : a);
        }
        return new ArrayList<>(best.values());
    }

    /**
     * As {@link #dedupe}, but rows of different kernels a launch chooses between
     * ({@link LaunchChoices}) are not duplicates of each other: a bundle's
     * table keeps both, so that a launch naming its kernel can read that kernel's rows
     * ({@link LaunchChoiceCurves}).
     */
    static List<KernelRow> dedupeKeepingLaunchChoices(KernelFamily family, Collection<KernelRow> rows) {
        Map<ChoiceKey, KernelRow> best = new LinkedHashMap<>();
        for (KernelRow r : rows) {
            ChoiceKey key = new ChoiceKey(new RowKey(r.category(), new Coordinates(r.shape()), new Coordinates(r.grid())),
                    LaunchChoices.classOf(family, r.kernel()));
            best.merge(key, r, (a, b) -> b.latencyMs() < a.latencyMs() ? b : a);
        }
        return new ArrayList<>(best.values());
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
