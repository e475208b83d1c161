package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
 *   <li>A checkpoint without a config of its own in the models directory is its base architecture:
 *       the repository name without its quantisation suffix (a version tag after it, as in
 *       {@code nvidia/DeepSeek-R1-0528-FP4-V2} and {@code -NVFP4-v2}, included) and without a date
 *       revision ({@code -0528}, {@code -2507}: DeepSeek's and Qwen's re-releases of an architecture
 *       under the same config.json), found bundled or as {@code <any org>--<base name>.json} in the
 *       models directory (re-quantised releases are published under another organisation,
 *       {@code nvidia/Kimi-K2.5-NVFP4} of {@code moonshotai/Kimi-K2.5}, and Z.ai publishes GLM-5 as
 *       {@code zai-org/GLM-5-FP8} beside {@code zhipuai/GLM-5}), when exactly one such file exists.</li>
 * </ul>
 */
public final class ModelResolver {
    private static final Pattern QUANT_SUFFIX = Pattern.compile("-(fp8|nvfp4|fp4|mxfp4)(-v\\d+)?$");
    /** A date revision of an architecture ("-0528", "-2507"), as DeepSeek and Qwen name re-releases. */
    private static final Pattern REVISION_SUFFIX = Pattern.compile("-\\d{4}$");

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
        String name = baseName(repositoryName(modelPath));
        name = name.replaceFirst("^meta-", "");
        name = name.replaceFirst("-instruct$", "");
        return name;
    }

    /** A repository name without its quantisation suffix and date revision, in its own case. */
    static String baseName(String name) {
        String base = QUANT_SUFFIX.matcher(name.toLowerCase(Locale.ROOT)).replaceFirst("");
        base = REVISION_SUFFIX.matcher(base).replaceFirst("");
        return name.substring(0, base.length());
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
        Optional<Path> base = baseConfigFile(modelPath);
        if (base.isPresent()) {
            try {
                ModelSpec arch = registry.model(base.get().toString());
                return Optional.of(arch.withQuant(nameQuant(modelPath).map(QuantPresets::get)
                        .orElse(arch.defaultQuant())));
            } catch (UserInputException e) {
                failures.put(modelPath, base.get().getFileName() + " (the base architecture of " + modelPath + "): "
                        + e.getMessage());
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

    /**
     * The one {@code <org>--<base name>.json} of the models directory, whatever its organisation, when
     * the repository name has a quantisation suffix or a date revision to drop.
     */
    private Optional<Path> baseConfigFile(String modelPath) {
        String name = modelPath.substring(modelPath.indexOf('/') + 1);
        String base = baseName(name);
        if (modelsDir == null || base.equals(name) || !Files.isDirectory(modelsDir)) {
            return Optional.empty();
        }
        String suffix = ("--" + base + ".json").toLowerCase(Locale.ROOT);
        try (Stream<Path> files = Files.list(modelsDir)) {
            List<Path> matches = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
                    .filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> configFile(String modelPath) {
        if (modelsDir == null) {
            return Optional.empty();
        }
        Path p = modelsDir.resolve(modelPath.replace("/", "--") + ".json");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
