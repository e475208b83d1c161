package dev.plimsoll.perfmodel.calib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.DoubleStream;

/** Collects predicted-over-measured ratios per kernel and category into {@link KernelScore}s. */
final class KernelBreakdown {
    private record Key(String kernel, String category) {
    }

    private final Map<Key, DoubleStream.Builder> ratios =
            new TreeMap<>(Comparator.comparing(Key::kernel).thenComparing(Key::category));
    private final Set<String> hostTimed;

    /** @param hostTimed categories the table timed with host work inside */
    KernelBreakdown(Set<String> hostTimed) {
        this.hostTimed = hostTimed;
    }

    void add(String kernel, String category, double predictedMs, double measuredMs) {
        ratios.computeIfAbsent(new Key(kernel == null ? "" : kernel, category), k -> DoubleStream.builder())
                .add(predictedMs / measuredMs);
    }

    List<KernelScore> scores() {
        List<KernelScore> out = new ArrayList<>();
        ratios.forEach((key, builder) -> {
            double[] ratio = builder.build().toArray();
            double[] error = Arrays.stream(ratio).map(x -> Math.abs(x - 1)).toArray();
            out.add(new KernelScore(key.kernel(), key.category(), ratio.length, ErrorStats.percentile(error, 0.5),
                    ErrorStats.percentile(error, 0.9), ErrorStats.percentile(ratio, 0.5),
                    hostTimed.contains(key.category())));
        });
        return out;
    }
}
