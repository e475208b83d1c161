package dev.plimsoll.cli;

import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code plan --kv-dtype} lets the search store the KV cache in. Without the option: the
 * checkpoint's own dtype, and FP8 on GPUs with FP8 tensor cores. With one dtype: only that one
 * ({@code --kv-dtype bf16} forbids FP8). With a 16-bit dtype and fp8: both.
 *
 * @param base     the dtype every scheme stores its KV cache in, or null for the checkpoint's own
 * @param alsoFp8  the search also tries an FP8 KV cache
 */
record KvDtypeChoice(NumberFormat base, boolean alsoFp8) {
    static final KvDtypeChoice DEFAULT = new KvDtypeChoice(null, true);

    static KvDtypeChoice of(List<String> values) {
        if (values == null || values.isEmpty()) {
            return DEFAULT;
        }
        Set<NumberFormat> formats = new LinkedHashSet<>();
        for (String v : values) {
            formats.add(QuantChoice.kvFormat(v.trim()));
        }
        List<NumberFormat> wide = formats.stream().filter(f -> f != NumberFormat.FP8).toList();
        if (wide.size() > 1) {
            throw new UserInputException("--kv-dtype takes one 16-bit dtype (bf16 or fp16) with or without fp8, got "
                    + String.join(",", values));
        }
        if (wide.isEmpty()) {
            return new KvDtypeChoice(NumberFormat.FP8, false);
        }
        return new KvDtypeChoice(wide.get(0), formats.contains(NumberFormat.FP8));
    }

    List<QuantScheme> apply(List<QuantScheme> schemes) {
        if (base == null) {
            return schemes;
        }
        Set<QuantScheme> out = new LinkedHashSet<>();
        for (QuantScheme s : schemes) {
            out.add(s.withKvCache(base));
        }
        return new ArrayList<>(out);
    }

    SearchSpace apply(SearchSpace space) {
        return space.withFp8KvCache(alsoFp8);
    }
}
