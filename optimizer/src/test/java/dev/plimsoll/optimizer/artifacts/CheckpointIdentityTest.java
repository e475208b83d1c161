package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, finding 4: a model given as a config.json keeps its repository id (from --hf-model, its
 * {@code _name_or_path}, or an {@code org--name.json} file name; a local checkpoint directory
 * otherwise), its resources are named after the model rather than the path, and a config with
 * {@code auto_map} is launched with trust-remote-code.
 */
class CheckpointIdentityTest {
    private static final Path CONFIGS = Plans.sharedData().resolve("hf-configs");

    @Test
    void anOrgNameJsonFileIsItsRepository() {
        ModelSpec m = Plans.REGISTRY.model(CONFIGS.resolve("meta-llama--Meta-Llama-3.1-8B.json").toString());
        ArtifactOptions o = ArtifactOptions.of(m, null);
        assertEquals("meta-llama/Meta-Llama-3.1-8B", o.model());
        assertEquals("meta-llama-3-1-8b", o.name(), "named after the model, not the path");
        assertFalse(o.trustRemoteCode());
    }

    @Test
    void autoMapMeansTrustRemoteCode() {
        ModelSpec m = Plans.REGISTRY.model(CONFIGS.resolve("MiniMaxAI--MiniMax-M2.5.json").toString());
        ArtifactOptions o = ArtifactOptions.of(m, null);
        assertEquals("MiniMaxAI/MiniMax-M2.5", o.model());
        assertTrue(o.trustRemoteCode(), "MiniMax-M2.5's config maps its classes to the repository's code");
    }

    @Test
    void nameOrPathGivesTheRepositoryOfAConfigInADirectory(@TempDir Path dir) throws Exception {
        String config = Files.readString(CONFIGS.resolve("meta-llama--Meta-Llama-3.1-8B.json"))
                .replaceFirst("\\{", "{\"_name_or_path\": \"acme/Llama-8B-Tuned\", ");
        Path ckpt = dir.resolve("weights/step-1000");
        Files.createDirectories(ckpt);
        Files.writeString(ckpt.resolve("config.json"), config);
        ModelSpec m = Plans.REGISTRY.model(ckpt.toString());
        ArtifactOptions o = ArtifactOptions.of(m, null);
        assertEquals("acme/Llama-8B-Tuned", o.model());
        assertEquals("llama-8b-tuned", o.name());
        assertEquals("org/other", ArtifactOptions.of(m, "org/other").model(), "--hf-model wins");
    }

    @Test
    void aLocalCheckpointWithoutARepositoryIsLoadedFromItsDirectory(@TempDir Path dir) throws Exception {
        String config = Files.readString(CONFIGS.resolve("meta-llama--Meta-Llama-3.1-8B.json"))
                .replaceFirst("\\{", "{\"_name_or_path\": \"/opt/ckpts/llama/\", ");
        Path ckpt = dir.resolve("my-llama");
        Files.createDirectories(ckpt);
        Files.writeString(ckpt.resolve("config.json"), config);
        ArtifactOptions o = ArtifactOptions.of(Plans.REGISTRY.model(ckpt.resolve("config.json").toString()), null);
        assertEquals(ckpt.toAbsolutePath().normalize().toString(), o.model(),
                "a local path in _name_or_path is not a repository; the checkpoint's own directory is");
        assertEquals("my-llama", o.name());
    }
}
