package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the launch artifacts name besides the plan: the checkpoint the engines load and what it
 * stores, whether it needs the repository's own code, the Kubernetes name stem. (The share of GPU
 * memory each engine may use is the plan's, in each pool's replica.)
 *
 * @param model           Hugging Face repository (or local checkpoint directory) the engines load
 * @param name            Kubernetes-safe name stem
 * @param checkpointQuant the weight format that checkpoint stores
 * @param userCheckpoint  the user named the checkpoint ({@code --hf-model}): it stores what the plan runs
 * @param trustRemoteCode its config.json maps classes to the repository's own code ({@code auto_map})
 * @param draftModel      EAGLE draft model of speculative decoding (null without speculation)
 */
public record ArtifactOptions(String model, String name, QuantScheme checkpointQuant, boolean userCheckpoint,
                              boolean trustRemoteCode, String draftModel) {

    private static final Pattern HF = Pattern.compile("huggingface\\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)");

    /** The spec's Hugging Face repository unless {@code override} names one. */
    public static ArtifactOptions of(ModelSpec model, String override) {
        return of(model, override, null);
    }

    /**
     * The checkpoint to load: {@code override} when given; a bundled spec's Hugging Face
     * repository; for a model given as a config.json path, the repository its {@code
     * _name_or_path} names, else the {@code org/name} of an {@code org--name.json} file, else the
     * directory holding the config (a local checkpoint, which the engines load as it is).
     */
    public static ArtifactOptions of(ModelSpec model, String override, String draft) {
        Optional<Path> path = configPath(model);
        CheckpointConfig config = path.map(CheckpointConfig::read).orElse(CheckpointConfig.NONE);
        String repo = override;
        if (repo == null && model.source() != null) {
            Matcher m = HF.matcher(model.source());
            if (m.find()) {
                repo = m.group(1);
            }
        }
        if (repo == null && path.isPresent()) {
            repo = config.repository().orElseGet(() -> fromPath(model, path.get()));
        }
        if (repo == null) {
            repo = model.id();
        }
        String stem = path.isPresent() ? repo.substring(repo.lastIndexOf('/') + 1) : model.id();
        return new ArtifactOptions(repo, k8sName(stem), model.defaultQuant(), override != null,
                config.customCode(), draft);
    }

    /** The model's config.json path when it was given as one (its id is then the path), else empty. */
    private static Optional<Path> configPath(ModelSpec model) {
        try {
            Path p = Path.of(model.id());
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "org/name" of a models folder's org--name.json; the checkpoint directory of a config.json. */
    private static String fromPath(ModelSpec model, Path p) {
        if (CheckpointConfig.REPOSITORY.matcher(model.name()).matches()) {
            return model.name();
        }
        Path dir = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
        return dir == null ? model.id() : dir.toAbsolutePath().normalize().toString();
    }

    /**
     * Whether the checkpoint holds what the pool runs: its own formats; or a 16-bit checkpoint
     * that vLLM and SGLang quantise to FP8 while loading ({@code --quantization fp8}, the only
     * format either quantises to online); or the one the user named.
     */
    public boolean loads(PoolPlan pool) {
        QuantScheme q = pool.engine().candidate().quant();
        if (userCheckpoint || sameWeights(q, checkpointQuant)) {
            return true;
        }
        String engine = pool.engine().candidate().backend().id();
        return onlineFp8(q, checkpointQuant) && (engine.equals("vllm") || engine.equals("sglang"));
    }

    /** The checkpoint the pool's engine loads, or a placeholder saying which one it needs. */
    public String modelFor(PoolPlan pool) {
        if (loads(pool)) {
            return model;
        }
        return "SET-A-" + pool.engine().candidate().quant().name().toUpperCase(Locale.ROOT) + "-CHECKPOINT-OF-"
                + model.replace('/', '-');
    }

    /** Why the checkpoint does not hold what the pool runs, or empty when it does. */
    public Optional<String> checkpointProblem(PoolPlan pool) {
        if (loads(pool)) {
            return Optional.empty();
        }
        QuantScheme q = pool.engine().candidate().quant();
        return Optional.of(String.format(Locale.ROOT, "the plan runs %s weights but %s stores %s, and %s cannot "
                        + "quantise to %s while loading: give --hf-model with a checkpoint stored in %s",
                q.name(), model, checkpointQuant.name(), pool.engine().candidate().backend().id(), q.name(),
                q.name()));
    }

    static boolean sameWeights(QuantScheme a, QuantScheme b) {
        return a.linearWeights() == b.linearWeights() && a.expertWeights() == b.expertWeights();
    }

    /** FP8 weights from a 16-bit checkpoint: what {@code --quantization fp8} does in vLLM and SGLang. */
    static boolean onlineFp8(QuantScheme run, QuantScheme stored) {
        boolean wide = sixteenBit(stored.linearWeights()) && sixteenBit(stored.expertWeights());
        return wide && run.linearWeights() == NumberFormat.FP8 && run.expertWeights() == NumberFormat.FP8;
    }

    private static boolean sixteenBit(NumberFormat f) {
        return f == NumberFormat.BF16 || f == NumberFormat.FP16 || f == NumberFormat.FP32;
    }

    /** A DNS-1123 label: lower case, digits and '-', at most 40 characters to leave room for suffixes. */
    static String k8sName(String s) {
        String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-")
                .replaceAll("^-|-$", "");
        if (n.isEmpty()) {
            n = "model";
        }
        return n.length() > 40 ? n.substring(0, 40).replaceAll("-$", "") : n;
    }
}
