package dev.plimsoll.perfmodel.calib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Collects predicted-over-measured ratios per kernel and category into {@link KernelScore}s. */
final class KernelBreakdown {
    private record Key(String kernel, String category) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::kernel).thenComparing(Key::category);

    /** Per key, its ratios in the first {@code counts} slots. */
    private final Map<Key, double[]> ratios = new TreeMap<>(ORDER);
    private final Map<Key, Integer> counts = new TreeMap<>(ORDER);
    private final Set<String> hostTimed;

    /** @param hostTimed categories the table timed with host work inside */
    KernelBreakdown(Set<String> hostTimed) {
        this.hostTimed = hostTimed;
    }

    void add(String kernel, String category, double predictedMs, double measuredMs) {
        Key key = new Key(kernel == null ? "" : kernel, category);
        int n = counts.merge(key, 1, Integer::sum);
        double[] r = ratios.computeIfAbsent(key, k -> new double[16]);
        if (n > r.length) {
            r = Arrays.copyOf(r, 2 * r.length);
            ratios.put(key, r);
        }
        r[n - 1] = predictedMs / measuredMs;
    }

    List<KernelScore> scores() {
        List<KernelScore> out = new ArrayList<>();
        ratios.forEach((key, r) -> {
            double[] ratio = Arrays.copyOf(r, counts.get(key));
            double[] error = Arrays.stream(ratio).map(x -> Math.abs(x - 1)).toArray();
            out.add(new KernelScore(key.kernel(), key.category(), ratio.length, ErrorStats.percentile(error, 0.5),
                    ErrorStats.percentile(error, 0.9), ErrorStats.percentile(ratio, 0.5),
                    hostTimed.contains(key.category())));
        });
        return out;
    }
}
