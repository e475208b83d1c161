package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.specs.QuantScope;
import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checkpoint's quantisation, from config.json's {@code quantization_config} or from a ModelOpt
 * {@code hf_quant_config.json} (which wins when both exist, as TensorRT-LLM reads it first).
 * Exclusion lists decide the scope: when every routed-expert module stays unquantised only the
 * linear group is quantised, and vice versa. The linear group (attention, dense FFN, shared
 * experts) has one format: it counts as quantised when any of its modules is, so a checkpoint that
 * keeps only some attention projections in bf16 (NVIDIA's DeepSeek NVFP4 keeps the MLA
 * projections except o_proj) is slightly under-counted in weight bytes.
 */
final class HfQuantReader {
    private HfQuantReader() {
    }

    /** A stored format before scoping: the preset-like scheme, its exclusions and its KV cache. */
    private record Stored(QuantScheme scheme, ModulePatterns excluded, ModulePatterns included,
                          NumberFormat kvCache) {
    }

    static QuantScheme read(HfConfig c, Node hfQuantNode, HfModules modules) {
        QuantScheme base = baseDtype(c);
        Optional<Stored> stored;
        if (hfQuantNode != null) {
            MapReader file = MapReader.of(hfQuantNode, "");
            stored = Optional.of(modelOpt(file.has("quantization") ? file.map("quantization") : file, base));
        } else {
            Optional<Node> qc = c.find("quantization_config");
            stored = qc.isPresent() ? Optional.of(fromQuantizationConfig(MapReader.of(qc.get(), "quantization_config"),
                    base)) : Optional.empty();
        }
        if (stored.isEmpty()) {
            return base;
        }
        Stored s = stored.get();
        QuantScheme scheme = scope(s, modules, base);
        return s.kvCache() != null ? scheme.withKvCache(s.kvCache()) : scheme;
    }

    private static QuantScheme scope(Stored s, HfModules modules, QuantScheme base) {
        boolean linear = quantisesAny(s, modules.linear());
        boolean experts = quantisesAny(s, modules.experts());
        if (modules.experts().isEmpty()) {
            return linear ? s.scheme() : base;
        }
        if (linear && experts) {
            return s.scheme();
        }
        if (experts) {
            return QuantPresets.scoped(s.scheme(), QuantScope.EXPERTS);
        }
        return linear ? QuantPresets.scoped(s.scheme(), QuantScope.LINEAR) : base;
    }

    private static boolean quantisesAny(Stored s, List<String> modules) {
        for (String m : modules) {
            boolean included = s.included() == null || s.included().excludes(m);
            if (included && !s.excluded().excludes(m)) {
                return true;
            }
        }
        return false;
    }

    private static QuantScheme baseDtype(HfConfig c) {
        Optional<Node> dtype = c.find("torch_dtype").or(() -> c.find("dtype"));
        boolean fp16 = dtype.isPresent() && dtype.get() instanceof Node.Scalar
                && ((Node.Scalar) dtype.get()).text().equals("float16");
        return QuantPresets.get(fp16 ? "fp16" : "bf16");
    }

    // ---- quantization_config inside config.json ----

    private static Stored fromQuantizationConfig(MapReader q, QuantScheme base) {
        String method = q.string("quant_method").toLowerCase(Locale.ROOT);
        switch (method) {
            case "fp8":
                // transformers FineGrainedFP8 when weight_block_size is set (DeepSeek-V3, Qwen3-FP8).
                return new Stored(QuantPresets.get(q.has("weight_block_size") ? "fp8-block" : "fp8"),
                        patterns(q, "modules_to_not_convert", "ignored_layers"), null, null);
            case "fbgemm_fp8":
                return new Stored(QuantPresets.get("fp8"), patterns(q, "modules_to_not_convert"), null, null);
            case "mxfp4":
                return new Stored(QuantPresets.get("mxfp4"), patterns(q, "modules_to_not_convert"), null, null);
            case "awq":
            case "gptq":
                return new Stored(weightOnlyInt(q, q.positiveInt(q.has("bits") ? "bits" : "w_bit")),
                        patterns(q, "modules_to_not_convert"), null, null);
            case "compressed-tensors":
                return compressedTensors(q);
            case "modelopt":
                return modelOpt(q, base);
            default:
                throw q.error("quant_method", "'" + method + "' is not supported; Plimsoll reads fp8, fbgemm_fp8, "
                        + "mxfp4, awq, gptq, compressed-tensors and modelopt checkpoints");
        }
    }

    private static QuantScheme weightOnlyInt(MapReader q, int bits) {
        if (bits == 4) {
            return QuantPresets.get("int4");
        }
        if (bits == 8) {
            return new QuantScheme("int8-weight-only", NumberFormat.INT8, NumberFormat.INT8, false, ComputeDtype.BF16,
                    NumberFormat.BF16);
        }
        throw q.error("bits", "(" + bits + ") is not supported; 4 and 8 are");
    }

    /** compressed-tensors (llm-compressor): one scheme across config_groups, plus ignore and kv_cache_scheme. */
    private static Stored compressedTensors(MapReader q) {
        MapReader groups = q.map("config_groups");
        QuantScheme scheme = null;
        List<String> targets = new ArrayList<>();
        for (String name : groups.keys()) {
            MapReader g = groups.map(name);
            QuantScheme s = compressedGroup(g);
            if (scheme != null && !scheme.equals(s)) {
                throw g.error("differs from an earlier group (" + scheme.name() + " vs " + s.name()
                        + "): per-module mixed precision is not supported");
            }
            scheme = s;
            for (Node t : g.list("targets", List.of())) {
                targets.add(MapReader.asString(t, g.keyPath("targets") + " item"));
            }
        }
        if (scheme == null) {
            throw q.error("config_groups", "is empty");
        }
        boolean allLinear = targets.isEmpty() || targets.contains("Linear");
        NumberFormat kv = null;
        if (q.has("kv_cache_scheme")) {
            MapReader k = q.map("kv_cache_scheme");
            kv = format(k, k.positiveInt("num_bits"), k.string("type", "float"));
        }
        return new Stored(scheme, patterns(q, "ignore"), allLinear ? null : new ModulePatterns(targets), kv);
    }

    private static QuantScheme compressedGroup(MapReader g) {
        MapReader w = g.map("weights");
        int bits = w.positiveInt("num_bits");
        String type = w.string("type", "int");
        boolean block = "block".equals(w.string("strategy", ""));
        boolean activations = g.has("input_activations");
        NumberFormat weights = format(w, bits, type);
        if (!activations) {
            switch (weights) {
                case INT4: return QuantPresets.get("int4");
                case INT8: return weightOnlyInt(w, 8);
                default:
                    return new QuantScheme(weights.key() + "-weight-only", weights, weights, block, ComputeDtype.BF16,
                            NumberFormat.BF16);
            }
        }
        MapReader a = g.map("input_activations");
        NumberFormat act = format(a, a.positiveInt("num_bits"), a.string("type", "int"));
        if (weights == NumberFormat.FP8 && act == NumberFormat.FP8) {
            return QuantPresets.get(block ? "fp8-block" : "fp8");
        }
        if (weights == NumberFormat.INT8 && act == NumberFormat.INT8) {
            return QuantPresets.get("int8");
        }
        if (weights == NumberFormat.INT4 && act == NumberFormat.FP8) {
            return QuantPresets.get("w4a8");
        }
        if (weights == NumberFormat.NVFP4 && act == NumberFormat.NVFP4) {
            return QuantPresets.get("nvfp4");
        }
        throw g.error("weights " + weights.key() + " with activations " + act.key() + " is not a supported scheme");
    }

    /** compressed-tensors num_bits and type; 4-bit floats are NVFP4 (group 16). */
    private static NumberFormat format(MapReader r, int bits, String type) {
        boolean isFloat = type.equalsIgnoreCase("float");
        if (bits == 8) {
            return isFloat ? NumberFormat.FP8 : NumberFormat.INT8;
        }
        if (bits == 4) {
            return isFloat ? NumberFormat.NVFP4 : NumberFormat.INT4;
        }
        if (bits == 16) {
            return NumberFormat.BF16;
        }
        throw r.error("num_bits", "(" + bits + " bits, " + type + ") is not supported");
    }

    // ---- NVIDIA ModelOpt ----

    /** {@code quant_algo}, {@code kv_cache_quant_algo} and {@code exclude_modules} of ModelOpt. */
    private static Stored modelOpt(MapReader q, QuantScheme base) {
        QuantScheme scheme = base;
        if (q.has("quant_algo")) {
            String algo = q.string("quant_algo").toUpperCase(Locale.ROOT);
            scheme = modelOptAlgo(q, algo);
        }
        NumberFormat kv = null;
        if (q.has("kv_cache_quant_algo")) {
            String algo = q.string("kv_cache_quant_algo").toUpperCase(Locale.ROOT);
            switch (algo) {
                case "FP8": kv = NumberFormat.FP8; break;
                case "INT8": kv = NumberFormat.INT8; break;
                case "NVFP4": kv = NumberFormat.NVFP4; break;
                default:
                    throw q.error("kv_cache_quant_algo", "'" + algo + "' is not supported (FP8, INT8, NVFP4)");
            }
        }
        return new Stored(scheme, patterns(q, "exclude_modules"), null, kv);
    }

    private static QuantScheme modelOptAlgo(MapReader q, String algo) {
        switch (algo) {
            case "FP8":
            case "FP8_PER_CHANNEL_PER_TOKEN":
                return QuantPresets.get("fp8");
            case "FP8_BLOCK_SCALES":
                return QuantPresets.get("fp8-block");
            case "NVFP4":
                return QuantPresets.get("nvfp4");
            case "W4A8_AWQ":
                return QuantPresets.get("w4a8");
            case "W4A16_AWQ":
            case "W4A16_GPTQ":
                return QuantPresets.get("int4");
            case "W4A8_MXFP4_FP8":
                return new QuantScheme("mxfp4-a8", NumberFormat.MXFP4, NumberFormat.MXFP4, false, ComputeDtype.FP8,
                        NumberFormat.BF16);
            default:
                if (algo.startsWith("W8A8_SQ")) {
                    return QuantPresets.get("int8");
                }
                throw q.error("quant_algo", "'" + algo + "' is not supported (FP8, FP8_PER_CHANNEL_PER_TOKEN, "
                        + "FP8_BLOCK_SCALES, NVFP4, W4A8_AWQ, W4A16_AWQ, W4A8_MXFP4_FP8, W8A8_SQ_*)"
                        + (algo.equals("MIXED_PRECISION") ? "; per-layer mixed precision needs a model YAML" : ""));
        }
    }

    private static ModulePatterns patterns(MapReader q, String... keys) {
        List<String> entries = new ArrayList<>();
        for (String key : keys) {
            for (Node n : q.list(key, List.of())) {
                entries.add(MapReader.asString(n, q.keyPath(key) + " item"));
            }
        }
        return new ModulePatterns(entries);
    }
}
