package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.hf.HfConfigLoader;
import dev.plimsoll.perfmodel.specs.tree.EditDistance;
import dev.plimsoll.perfmodel.specs.tree.Node;
import dev.plimsoll.perfmodel.specs.tree.TreeParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The GPUs and models Plimsoll knows: the specs bundled in the jar ({@code hardware-specs/*.yaml},
 * {@code model-specs/*.yaml}), plus an optional user directory ({@code --specs-dir}) whose files
 * add specs or override bundled ones with the same id.
 *
 * <p>User directory layout: YAML files ({@code *.yaml}, {@code *.yml}) directly in the directory
 * and in its sub-folders {@code hardware/}, {@code models/}, {@code hardware-specs/} and
 * {@code model-specs/} are read. Whether a file describes a GPU or a model is decided by its keys,
 * not its folder: a GPU spec has {@code peak_tflops}, a model spec has {@code hidden_size}. Other
 * files are ignored; a YAML file with neither key is an error, and so is one id defined twice in
 * the user directory.
 *
 * <p>Ids are matched case-insensitively. {@link #model(String)} also accepts the path of a model
 * YAML, of a Hugging Face config.json, or of a directory holding one (see {@link HfConfigLoader}).
 */
public final class SpecRegistry {
    private static final List<String> USER_SUBFOLDERS = List.of("hardware", "models", "hardware-specs", "model-specs");
    private static final int SUGGESTIONS = 3;

    private final Map<String, GpuSpec> gpus;
    private final Map<String, ModelSpec> models;

    private SpecRegistry(Map<String, GpuSpec> gpus, Map<String, ModelSpec> models) {
        this.gpus = gpus;
        this.models = models;
    }

    /** The bundled specs only. */
    public static SpecRegistry bundled() {
        return Bundled.INSTANCE;
    }

    /** Bundled specs overlaid with the user directory; {@code userDir} null means none. */
    public static SpecRegistry load(Path userDir) {
        if (userDir == null) {
            return bundled();
        }
        Map<String, GpuSpec> gpus = new TreeMap<>(bundled().gpus);
        Map<String, ModelSpec> models = new TreeMap<>(bundled().models);
        Map<String, String> definedIn = new HashMap<>();
        for (Path file : userFiles(userDir)) {
            Node root = TreeParser.parseFile(file);
            boolean gpu = hasKey(root, GpuSpecYaml.MARKER_KEY);
            boolean model = hasKey(root, ModelSpecYaml.MARKER_KEY);
            if (gpu == model) {
                throw new UserInputException(file + ": " + (gpu ? "has both " : "has neither ")
                        + GpuSpecYaml.MARKER_KEY + " (a GPU spec) " + (gpu ? "and " : "nor ")
                        + ModelSpecYaml.MARKER_KEY + " (a model spec)");
            }
            String id;
            if (gpu) {
                GpuSpec g = GpuSpecYaml.read(root);
                id = g.id();
                gpus.put(key(id), g);
            } else {
                ModelSpec m = ModelSpecYaml.read(root);
                id = m.id();
                models.put(key(id), m);
            }
            String kindId = (gpu ? "GPU '" : "model '") + id + "'";
            String earlier = definedIn.put(kindId, file.toString());
            if (earlier != null) {
                throw new UserInputException(file + ": " + kindId + " is already defined in " + earlier);
            }
        }
        return new SpecRegistry(Map.copyOf(gpus), Map.copyOf(models));
    }

    public List<GpuSpec> gpus() {
        return List.copyOf(new TreeMap<>(gpus).values());
    }

    public List<ModelSpec> models() {
        return List.copyOf(new TreeMap<>(models).values());
    }

    /** A GPU by id, or empty when there is none (lets callers try a model id next). */
    public java.util.Optional<GpuSpec> findGpu(String id) {
        return java.util.Optional.ofNullable(gpus.get(key(id)));
    }

    public GpuSpec gpu(String id) {
        GpuSpec g = gpus.get(key(id));
        if (g == null) {
            throw unknown("GPU", id, gpuIds(), "");
        }
        return g;
    }

    /**
     * A model by id, or by path: a model YAML ({@code .yaml}/{@code .yml}), a Hugging Face
     * config.json, or a directory holding one.
     */
    public ModelSpec model(String idOrPath) {
        ModelSpec m = models.get(key(idOrPath));
        if (m != null) {
            return m;
        }
        Path path = asPath(idOrPath);
        if (path != null && Files.exists(path)) {
            String file = path.getFileName() == null ? "" : path.getFileName().toString();
            if (Files.isRegularFile(path) && (file.endsWith(".yaml") || file.endsWith(".yml"))) {
                return ModelSpecYaml.read(TreeParser.parseFile(path));
            }
            return HfConfigLoader.load(path);
        }
        boolean pathLike = idOrPath.contains("/") || idOrPath.contains("\\") || idOrPath.endsWith(".json");
        throw unknown("model", idOrPath, modelIds(),
                pathLike ? " (not a bundled id, and no such file or directory)" : "");
    }

    public List<String> gpuIds() {
        List<String> ids = new ArrayList<>();
        gpus().forEach(g -> ids.add(g.id()));
        return ids;
    }

    public List<String> modelIds() {
        List<String> ids = new ArrayList<>();
        models().forEach(m -> ids.add(m.id()));
        return ids;
    }

    private static UserInputException unknown(String kind, String id, List<String> known, String detail) {
        return new UserInputException("unknown " + kind + " '" + id + "'" + detail + "; closest: "
                + String.join(", ", EditDistance.closest(id, known, SUGGESTIONS)));
    }

    private static String key(String id) {
        return id.trim().toLowerCase(Locale.ROOT);
    }

    private static Path asPath(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean hasKey(Node root, String key) {
        return root instanceof Node.Mapping && ((Node.Mapping) root).entries().containsKey(key);
    }

    private static List<Path> userFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": specs directory does not exist or is not a directory");
        }
        List<Path> files = new ArrayList<>(yamlFilesIn(dir));
        for (String sub : USER_SUBFOLDERS) {
            Path p = dir.resolve(sub);
            if (Files.isDirectory(p)) {
                files.addAll(yamlFilesIn(p));
            }
        }
        return files;
    }

    private static List<Path> yamlFilesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lazily parsed bundled specs, shared (all values are immutable). */
    private static final class Bundled {
        static final SpecRegistry INSTANCE = loadBundled();

        private static SpecRegistry loadBundled() {
            Map<String, GpuSpec> gpus = new TreeMap<>();
            for (SpecFile f : ClasspathSpecs.list("hardware-specs")) {
                GpuSpec g = GpuSpecYaml.parse(f.text(), f.name());
                if (gpus.put(key(g.id()), g) != null) {
                    throw new IllegalStateException("bundled GPU id " + g.id() + " defined twice");
                }
            }
            Map<String, ModelSpec> models = new TreeMap<>();
            for (SpecFile f : ClasspathSpecs.list("model-specs")) {
                ModelSpec m = ModelSpecYaml.parse(f.text(), f.name());
                if (models.put(key(m.id()), m) != null) {
                    throw new IllegalStateException("bundled model id " + m.id() + " defined twice");
                }
            }
            return new SpecRegistry(Map.copyOf(gpus), Map.copyOf(models));
        }
    }
}
