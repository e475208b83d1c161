package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecRegistryTest {
    private static final SpecRegistry BUNDLED = SpecRegistry.bundled();

    @Test
    void unknownGpuSuggestsTheClosestIds() {
        UserInputException e = assertThrows(UserInputException.class, () -> BUNDLED.gpu("h10-sxm"));
        assertEquals("unknown GPU 'h10-sxm'; closest: h100-sxm, h100-pcie, h200-sxm", e.getMessage());
        UserInputException mi = assertThrows(UserInputException.class, () -> BUNDLED.gpu("mi350x"));
        assertEquals("unknown GPU 'mi350x'; closest: mi300x, mi355x, mi325x", mi.getMessage());
    }

    @Test
    void unknownModelSuggestsTheClosestIds() {
        UserInputException e = assertThrows(UserInputException.class, () -> BUNDLED.model("llama-3.1-7b"));
        assertEquals("unknown model 'llama-3.1-7b'; closest: llama-3.1-70b, llama-3.1-8b, llama-3.1-405b",
                e.getMessage());
        UserInputException path = assertThrows(UserInputException.class,
                () -> BUNDLED.model("models/does-not-exist/config.json"));
        assertTrue(path.getMessage().startsWith("unknown model 'models/does-not-exist/config.json' (not a bundled "
                + "id, and no such file or directory); closest: "), path.getMessage());
    }

    @Test
    void idsAreCaseInsensitive() {
        assertEquals("h100-sxm", BUNDLED.gpu("H100-SXM").id());
        assertEquals("deepseek-v3", BUNDLED.model("DeepSeek-V3").id());
    }

    @Test
    void modelAcceptsAConfigPathOrDirectory(@TempDir Path dir) throws IOException {
        ModelSpec byFile = BUNDLED.model(SharedData.hfConfig("Qwen--Qwen3-8B.json").toString());
        assertEquals("Qwen/Qwen3-8B", byFile.name());
        assertEquals(36, byFile.numLayers());
        Files.copy(SharedData.hfConfig("Qwen--Qwen3-8B.json"), dir.resolve("config.json"));
        ModelSpec byDir = BUNDLED.model(dir.toString());
        assertEquals(dir.getFileName().toString(), byDir.name());
        assertEquals(byFile.layers(), byDir.layers());
    }

    @Test
    void modelAcceptsAModelYamlPath(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("mine.yaml");
        Files.writeString(yaml, bundledText("model-specs", "qwen3-32b.yaml").replace("id: qwen3-32b", "id: mine"));
        assertEquals("mine", BUNDLED.model(yaml.toString()).id());
    }

    @Test
    void userDirectoryAddsAndOverridesByKeys(@TempDir Path dir) throws IOException {
        String h100 = bundledText("hardware-specs", "h100-sxm.yaml");
        // a file directly in the directory, sorted as a GPU by its keys: overrides the bundled price
        Files.writeString(dir.resolve("my-h100.yaml"), h100.replace("price_per_gpu_hour_usd: 3.0",
                "price_per_gpu_hour_usd: 1.25"));
        // subfolders: a new GPU and a new model
        Files.createDirectories(dir.resolve("hardware"));
        Files.writeString(dir.resolve("hardware/h100-cheap.yaml"), h100.replace("id: h100-sxm", "id: h100-cheap"));
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models/tiny.yml"),
                bundledText("model-specs", "llama-3.1-8b.yaml").replace("id: llama-3.1-8b", "id: tiny-llama"));
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        SpecRegistry r = SpecRegistry.load(dir);
        assertEquals(1.25, r.gpu("h100-sxm").pricePerGpuHourUsd());
        assertEquals(3.0, BUNDLED.gpu("h100-sxm").pricePerGpuHourUsd(), "the bundled set is untouched");
        assertEquals("h100-cheap", r.gpu("h100-cheap").id());
        assertEquals(32, r.model("tiny-llama").numLayers());
        assertEquals(BUNDLED.gpus().size() + 1, r.gpus().size());
        assertEquals(BUNDLED.models().size() + 1, r.models().size());
    }

    @Test
    void userDirectoryErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.yaml"), "id: x\nfoo: 1\n");
        UserInputException neither = assertThrows(UserInputException.class, () -> SpecRegistry.load(dir));
        assertEquals(dir.resolve("x.yaml") + ": has neither peak_tflops (a GPU spec) nor hidden_size (a model spec)",
                neither.getMessage());

        Files.delete(dir.resolve("x.yaml"));
        String h100 = bundledText("hardware-specs", "h100-sxm.yaml");
        Files.writeString(dir.resolve("a.yaml"), h100);
        Files.createDirectories(dir.resolve("hardware"));
        Files.writeString(dir.resolve("hardware/b.yaml"), h100);
        UserInputException twice = assertThrows(UserInputException.class, () -> SpecRegistry.load(dir));
        assertEquals(dir.resolve("hardware/b.yaml") + ": GPU 'h100-sxm' is already defined in " + dir.resolve("a.yaml"),
                twice.getMessage());

        UserInputException missing = assertThrows(UserInputException.class,
                () -> SpecRegistry.load(dir.resolve("nope")));
        assertTrue(missing.getMessage().endsWith("nope: specs directory does not exist or is not a directory"));
    }

    @Test
    void listsSpecsFromInsideAJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("specs.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("hardware-specs/"));
            put(out, "hardware-specs/a.yaml", "id: a\n");
            put(out, "hardware-specs/b.yaml", "id: b\n");
            put(out, "hardware-specs/README.md", "not a spec");
            put(out, "hardware-specs/nested/c.yaml", "id: c\n");
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()},
                null)) {
            List<SpecFile> files = ClasspathSpecs.list(loader, "hardware-specs");
            assertEquals(List.of("a.yaml", "b.yaml"), files.stream().map(SpecFile::fileName).toList());
            assertEquals("classpath:hardware-specs/a.yaml", files.get(0).name());
            assertEquals("id: b\n", files.get(1).text());
        }
        // a jar without directory entries is read by scanning its entries
        Path bare = dir.resolve("bare.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bare))) {
            put(out, "model-specs/m.yaml", "id: m\n");
        }
        assertEquals(List.of("m.yaml"), ClasspathSpecs.fromJar(bare, "model-specs").stream()
                .map(SpecFile::fileName).toList());
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static String bundledText(String folder, String file) {
        return ClasspathSpecs.list(folder).stream().filter(f -> f.fileName().equals(file)).findFirst()
                .orElseThrow().text();
    }
}
