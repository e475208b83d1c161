package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a Hugging Face repository name ({@code org/name}) onto the checkpoint a measured deployment
 * served: the architecture, and the format its weights are stored in.
 * <ul>
 *   <li>Architecture: a bundled spec whose id is the name normalised (lower case; "Meta-" prefix, a
 *       quantisation suffix such as "-FP8" or "-NVFP4", then "-Instruct" dropped), else
 *       {@code <org>--<name>.json} in the models directory.</li>
 *   <li>Stored format: a re-quantised checkpoint ({@code Qwen/Qwen3-235B-A22B-FP8},
 *       {@code nvidia/Llama-3.1-8B-Instruct-FP8}) is its base architecture with the quantisation of
 *       its own config: {@code <org>--<name>.json}'s {@code quantization_config}, or the ModelOpt
 *       {@code <org>--<name>.hf_quant_config.json} beside it, in the models directory; without them, the
 *       format its name ends in ("-FP8": per-tensor FP8, ModelOpt's FP8 export; "-NVFP4"). An engine
 *       serves a checkpoint as stored: Qwen's FP8 releases carry {@code weight_block_size [128, 128]},
 *       so they run block-scaled FP8 kernels whatever a benchmark's label calls them.</li>
 * </ul>
 */
public final class ModelResolver {
    private static final Pattern QUANT_SUFFIX = Pattern.compile("-(fp8|nvfp4|fp4|mxfp4)$");

    private final SpecRegistry registry;
    private final Path modelsDir;
    private final ConcurrentHashMap<String, Optional<ModelSpec>> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> failures = new ConcurrentHashMap<>();

    public ModelResolver(SpecRegistry registry, Path modelsDir) {
        this.registry = registry;
        this.modelsDir = modelsDir;
    }

    /** The model, or empty with {@link #whyMissing(String)} telling why. */
    public Optional<ModelSpec> resolve(String modelPath) {
        return cache.computeIfAbsent(modelPath, this::lookup);
    }

    public String whyMissing(String modelPath) {
        return failures.getOrDefault(modelPath, "unknown model " + modelPath);
    }

    static String bundledId(String modelPath) {
        String name = repositoryName(modelPath);
        name = name.replaceFirst("^meta-", "");
        name = QUANT_SUFFIX.matcher(name).replaceFirst("");
        name = name.replaceFirst("-instruct$", "");
        return name;
    }

    /** The quantisation a repository name ends in ("fp8", "nvfp4"), or empty. */
    static Optional<String> nameQuant(String modelPath) {
        Matcher m = QUANT_SUFFIX.matcher(repositoryName(modelPath));
        if (!m.find()) {
            return Optional.empty();
        }
        String q = m.group(1);
        return Optional.of(q.equals("fp4") ? "nvfp4" : q);
    }

    private static String repositoryName(String modelPath) {
        return modelPath.substring(modelPath.indexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    private Optional<ModelSpec> lookup(String modelPath) {
        String id = bundledId(modelPath);
        Optional<Path> config = configFile(modelPath);
        if (registry.modelIds().contains(id)) {
            ModelSpec bundled = registry.model(id);
            return Optional.of(bundled.withQuant(storedQuant(modelPath, bundled, config)));
        }
        if (config.isPresent()) {
            try {
                return Optional.of(registry.model(config.get().toString()));
            } catch (UserInputException e) {
                failures.put(modelPath, e.getMessage());
                return Optional.empty();
            }
        }
        failures.put(modelPath, modelsDir == null
                ? "not bundled (give --models-dir with " + modelPath.replace("/", "--") + ".json)"
                : "not bundled and no " + modelPath.replace("/", "--") + ".json in " + modelsDir);
        return Optional.empty();
    }

    /**
     * The format the checkpoint stores: its own config's quantisation when the models directory has
     * it and it loads, else the one its name ends in, else the bundled architecture's.
     */
    private QuantScheme storedQuant(String modelPath, ModelSpec bundled, Optional<Path> config) {
        if (config.isPresent()) {
            try {
                return registry.model(config.get().toString()).defaultQuant();
            } catch (UserInputException e) {
                // an architecture Plimsoll cannot read in full still names its format below
            }
        }
        return nameQuant(modelPath).map(QuantPresets::get).orElse(bundled.defaultQuant());
    }

    private Optional<Path> configFile(String modelPath) {
        if (modelsDir == null) {
            return Optional.empty();
        }
        Path p = modelsDir.resolve(modelPath.replace("/", "--") + ".json");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
