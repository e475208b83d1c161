package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.DoubleStream;

/**
 * One framework's prefill and decode attention rows scored together: the "attention" family whose
 * median issue 11's kernel-transfer goals name (GEMM, attention, MoE), next to the two table
 * families it pools. Filled while a validation scores a framework's tables; {@link #line} is empty
 * unless both attention tables were scored.
 */
final class AttentionPool {
    /** The pooled line's family key. */
    static final String FAMILY = "attention";
    private static final Set<KernelFamily> POOLED = Set.of(KernelFamily.CONTEXT_ATTENTION,
            KernelFamily.GENERATION_ATTENTION);

    private final List<KernelValidator.Scored> parts = new ArrayList<>();

    /** Takes a scored table if it is one of the two attention families. */
    void offer(KernelFamily family, KernelValidator.Scored scored) {
        if (POOLED.contains(family)) {
            parts.add(scored);
        }
    }

    /** The pooled score, when both attention families were scored. */
    Optional<ValidationReport.FamilyScore> line() {
        if (parts.size() != POOLED.size()) {
            return Optional.empty();
        }
        double[] errors = parts.stream().flatMapToDouble(s -> DoubleStream.of(s.errors())).toArray();
        double[] hostErrors = parts.stream().flatMapToDouble(s -> DoubleStream.of(s.hostErrors())).toArray();
        Map<String, Integer> provenance = new TreeMap<>();
        parts.forEach(s -> s.score().provenance().forEach((k, v) -> provenance.merge(k, v, Integer::sum)));
        ValidationReport.FamilyScore first = parts.get(0).score();
        return Optional.of(new ValidationReport.FamilyScore(first.framework(), FAMILY, errors.length,
                ErrorStats.percentile(errors, 0.5), ErrorStats.percentile(errors, 0.9), hostErrors.length,
                hostErrors.length == 0 ? 0.0 : ErrorStats.percentile(hostErrors, 0.5),
                parts.stream().mapToInt(s -> s.score().unpriced()).sum(), provenance, first.source()));
    }
}
