package dev.plimsoll.optimizer.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a Hugging Face config.json says about the checkpoint beyond its architecture: the
 * repository it was saved from ({@code _name_or_path}, when it names one rather than a local
 * path) and whether loading it runs the repository's own code ({@code auto_map}, which
 * transformers, vLLM, SGLang and TensorRT-LLM load only with trust_remote_code).
 *
 * @param repository {@code org/name} from {@code _name_or_path}, or empty
 * @param customCode the config maps classes to the repository's own modules
 */
record CheckpointConfig(Optional<String> repository, boolean customCode) {
    static final CheckpointConfig NONE = new CheckpointConfig(Optional.empty(), false);

    /** A Hugging Face repository id: org/name, letters, digits, '-', '_' and '.'. */
    static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The config.json of a model given as a path (a directory holding it, or the file itself);
     * {@link #NONE} when the path is not a readable JSON object (the model loader has reported any
     * error in it already).
     */
    static CheckpointConfig read(Path modelPath) {
        Path file = Files.isDirectory(modelPath) ? modelPath.resolve("config.json") : modelPath;
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                return NONE;
            }
            String name = root.path("_name_or_path").asText("").trim();
            Optional<String> repo = REPOSITORY.matcher(name).matches() && !name.startsWith(".")
                    ? Optional.of(name) : Optional.empty();
            return new CheckpointConfig(repo, root.has("auto_map"));
        } catch (IOException e) {
            return NONE;
        }
    }
}
