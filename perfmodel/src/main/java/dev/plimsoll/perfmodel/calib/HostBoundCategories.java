package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The GEMM categories of a table that were timed with host work inside the measured interval. */
final class HostBoundCategories {
    private HostBoundCategories() {
    }

    /**
     * A GEMM category whose fastest row is more than this many times the family's fastest was timed
     * with host work inside the measured interval. Under CUDA-graph replay the fastest GEMM of every
     * table takes 2.4-2.5 us and the fastest of every category 2.4-12 us (H100 and H200, all three
     * frameworks), but vLLM's fp8_block rows never go below 55 us, even at m = 1 on a 0.5 MB weight:
     * a flat floor 22x the table's, which a replayed graph does not pay (the same CUTLASS, DeepGEMM
     * and FlashInfer kernels take 3-5 us at such shapes in SGLang's and TensorRT-LLM's tables). 10 sits
     * between the largest clean ratio (4.8) and that one.
     */
    static final double HOST_BOUND_FLOOR_RATIO = 10.0;

    static Set<String> of(KernelFamily family, List<KernelRow> rows) {
        if (family != KernelFamily.GEMM || rows.isEmpty()) {
            return Set.of();
        }
        double fastest = rows.stream().mapToDouble(KernelRow::latencyMs).min().orElseThrow();
        Map<String, Double> fastestPerCategory = new HashMap<>();
        rows.forEach(r -> fastestPerCategory.merge(r.category(), r.latencyMs(), Math::min));
        Set<String> out = new TreeSet<>();
        fastestPerCategory.forEach((c, t) -> {
            if (t > HOST_BOUND_FLOOR_RATIO * fastest) {
                out.add(c);
            }
        });
        return out;
    }
}
