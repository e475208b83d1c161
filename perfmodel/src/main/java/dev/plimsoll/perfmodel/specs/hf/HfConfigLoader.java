package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.tree.Node;
import dev.plimsoll.perfmodel.specs.tree.TreeParser;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a model from a Hugging Face {@code config.json}, the way users name models they did not
 * describe in YAML.
 * <ul>
 *   <li>A directory must hold {@code config.json}; an {@code hf_quant_config.json} beside it
 *       (NVIDIA ModelOpt checkpoints) sets the quantisation.</li>
 *   <li>A file is read as config.json; its quantisation config is the sibling
 *       {@code hf_quant_config.json} for a file named {@code config.json}, else
 *       {@code <stem>.hf_quant_config.json} (the {@code org--name.json} layout of a models folder).</li>
 * </ul>
 * The model's id is the path as given; its name is the directory name, or {@code org/name} for a
 * file named {@code org--name.json}. Unsupported architectures are refused with the reason.
 */
public final class HfConfigLoader {
    static final String CONFIG = "config.json";
    static final String QUANT_CONFIG = "hf_quant_config.json";

    private HfConfigLoader() {
    }

    public static ModelSpec load(Path path) {
        if (Files.isDirectory(path)) {
            Path config = path.resolve(CONFIG);
            if (!Files.isRegularFile(config)) {
                throw new UserInputException(path + ": no " + CONFIG + " in this directory (a model directory needs "
                        + "the Hugging Face " + CONFIG + ", optionally with " + QUANT_CONFIG + ")");
            }
            return load(config, path.resolve(QUANT_CONFIG), path.toString(), dirName(path));
        }
        if (!Files.isRegularFile(path)) {
            throw new UserInputException(path + ": no such file or directory");
        }
        String file = path.getFileName().toString();
        if (file.endsWith(QUANT_CONFIG)) {
            throw new UserInputException(path + ": this is a quantisation config, not a model config.json; pass the "
                    + "directory holding " + CONFIG + " and " + QUANT_CONFIG);
        }
        Path quant = file.equals(CONFIG) ? path.resolveSibling(QUANT_CONFIG)
                : path.resolveSibling(stem(file) + "." + QUANT_CONFIG);
        String name = file.equals(CONFIG) ? dirName(path.toAbsolutePath().getParent()) : stem(file).replace("--", "/");
        return load(path, quant, path.toString(), name);
    }

    /** Reads config.json text (and optional hf_quant_config.json text, or null) already in memory. */
    public static ModelSpec fromJson(String configJson, String configFile, String quantJson, String quantFile) {
        Node config = TreeParser.parseJson(configJson, configFile);
        Node quant = quantJson == null ? null : TreeParser.parseJson(quantJson, quantFile);
        return HfModelReader.read(config, quant, configFile, stem(Path.of(configFile).getFileName().toString()),
                configFile);
    }

    private static ModelSpec load(Path config, Path quant, String id, String name) {
        Node configNode = TreeParser.parseFile(config);
        Node quantNode = Files.isRegularFile(quant) ? TreeParser.parseFile(quant) : null;
        String source = config + (quantNode != null ? " + " + quant.getFileName() : "");
        return HfModelReader.read(configNode, quantNode, id, name, source);
    }

    private static String stem(String file) {
        return file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : file;
    }

    private static String dirName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }
}
