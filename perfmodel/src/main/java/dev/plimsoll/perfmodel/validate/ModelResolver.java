package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a Hugging Face repository name ({@code org/name}) onto a model: a bundled spec whose id is
 * the name normalised (lower case; "Meta-" prefix, "-Instruct" and "-FP8" suffixes dropped),
 * else {@code <org>--<name>.json} in the models directory.
 */
public final class ModelResolver {
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
        String name = modelPath.substring(modelPath.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        name = name.replaceFirst("^meta-", "");
        name = name.replaceFirst("-instruct$", "");
        name = name.replaceFirst("-fp8$", "");
        return name;
    }

    private Optional<ModelSpec> lookup(String modelPath) {
        String id = bundledId(modelPath);
        if (registry.modelIds().contains(id)) {
            return Optional.of(registry.model(id));
        }
        if (modelsDir != null) {
            Path config = modelsDir.resolve(modelPath.replace("/", "--") + ".json");
            if (Files.isRegularFile(config)) {
                try {
                    return Optional.of(registry.model(config.toString()));
                } catch (UserInputException e) {
                    failures.put(modelPath, e.getMessage());
                    return Optional.empty();
                }
            }
            failures.put(modelPath, "not bundled and no " + config.getFileName() + " in " + modelsDir);
        } else {
            failures.put(modelPath, "not bundled (give --models-dir with " + modelPath.replace("/", "--") + ".json)");
        }
        return Optional.empty();
    }
}
