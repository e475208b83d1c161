package dev.plimsoll.perfmodel.specs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundledSpecsTest {
    private static final Set<String> GPU_IDS = Set.of("h100-sxm", "h100-pcie", "h200-sxm", "b200-sxm", "gb200",
            "b300-sxm", "gb300", "a100-sxm-80gb", "l40s", "l4", "mi300x", "mi325x", "mi355x");
    private static final Set<String> MODEL_IDS = Set.of("llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b",
            "qwen3-32b", "qwen3-30b-a3b", "qwen3-235b-a22b", "deepseek-v3", "deepseek-r1", "mixtral-8x7b",
            "gpt-oss-20b", "gpt-oss-120b", "llama-4-scout", "llama-4-maverick");

    @Test
    void everyBundledGpuLoadsUnderItsFileName() {
        List<SpecFile> files = ClasspathSpecs.list("hardware-specs");
        Set<String> ids = new HashSet<>();
        for (SpecFile f : files) {
            GpuSpec g = GpuSpecYaml.parse(f.text(), f.name());
            assertEquals(f.stem(), g.id(), f.name());
            assertTrue(ids.add(g.id()), "duplicate id " + g.id());
        }
        assertEquals(GPU_IDS, ids);
        assertEquals(GPU_IDS, new TreeSet<>(SpecRegistry.bundled().gpuIds()));
    }

    @Test
    void everyBundledModelLoadsUnderItsFileName() {
        List<SpecFile> files = ClasspathSpecs.list("model-specs");
        Set<String> ids = new HashSet<>();
        for (SpecFile f : files) {
            ModelSpec m = ModelSpecYaml.parse(f.text(), f.name());
            assertEquals(f.stem(), m.id(), f.name());
            assertTrue(ids.add(m.id()), "duplicate id " + m.id());
        }
        assertEquals(MODEL_IDS, ids);
        assertEquals(MODEL_IDS, new TreeSet<>(SpecRegistry.bundled().modelIds()));
    }

    /** Every figure of a hardware spec names its source in a comment on its line. */
    @Test
    void everyHardwareFigureCarriesASourceComment() throws IOException {
        Pattern figure = Pattern.compile("^\\s*[a-z0-9_]+:\\s*-?[0-9][0-9.]*\\s*(#.*)?$");
        Path dir = Path.of(System.getProperty("plimsoll.root", ".."), "hardware-specs");
        List<Path> yamls;
        try (Stream<Path> s = Files.list(dir)) {
            yamls = s.filter(p -> p.toString().endsWith(".yaml")).collect(Collectors.toList());
        }
        assertEquals(GPU_IDS.size(), yamls.size());
        for (Path p : yamls) {
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (figure.matcher(line).matches()) {
                    int hash = line.indexOf('#');
                    assertTrue(hash > 0 && line.substring(hash + 1).trim().length() > 5,
                            p.getFileName() + ":" + (i + 1) + " has no source comment: " + line);
                }
            }
        }
    }

    @Test
    void tensorCoreTypesMatchTheSilicon() {
        SpecRegistry r = SpecRegistry.bundled();
        for (String hopperOrOlder : List.of("h100-sxm", "h100-pcie", "h200-sxm", "a100-sxm-80gb", "l40s", "l4",
                "mi300x", "mi325x")) {
            assertFalse(r.gpu(hopperOrOlder).supports(ComputeDtype.FP4), hopperOrOlder + " has no fp4");
        }
        for (String fp4 : List.of("b200-sxm", "gb200", "b300-sxm", "gb300", "mi355x")) {
            assertTrue(r.gpu(fp4).supports(ComputeDtype.FP4), fp4 + " has fp4");
        }
        GpuSpec a100 = r.gpu("a100-sxm-80gb");
        assertFalse(a100.supports(ComputeDtype.FP8));
        assertEquals(624e12, a100.peakFlopsPerS(ComputeDtype.INT8));
        assertTrue(r.gpu("l4").supports(ComputeDtype.FP8), "Ada has fp8");
    }

    @Test
    void unitsAreConvertedFromTheKeyNames() {
        GpuSpec h100 = SpecRegistry.bundled().gpu("h100-sxm");
        assertEquals(989e12, h100.peakFlopsPerS(ComputeDtype.BF16));
        assertEquals(85_900_000_000L, h100.memoryBytes());
        assertEquals(3.35e12, h100.memoryBandwidthBytesPerS(), 1);
        assertEquals(450e9, h100.scaleUpBandwidthBytesPerS(), 1);
        assertEquals(50e9, h100.scaleOutBandwidthBytesPerS(), 1);
        GpuSpec gb200 = SpecRegistry.bundled().gpu("gb200");
        assertEquals(72, gb200.scaleUpDomainGpus());
        assertEquals(4, gb200.gpusPerNode());
    }

    @Test
    void layerPatternsExpandAsWritten() {
        SpecRegistry r = SpecRegistry.bundled();
        ModelSpec maverick = r.model("llama-4-maverick");
        for (int i = 0; i < maverick.numLayers(); i++) {
            LayerSpec l = maverick.layers().get(i);
            assertEquals(i % 2 == 1 ? FfnKind.MOE : FfnKind.DENSE, l.ffn(), "maverick layer " + i);
            assertEquals(i % 4 == 3 ? AttentionWindow.FULL : AttentionWindow.chunked(8192), l.window(),
                    "maverick layer " + i);
        }
        ModelSpec v3 = r.model("deepseek-v3");
        assertEquals(3, v3.layers().stream().filter(l -> l.ffn() == FfnKind.DENSE).count());
        assertEquals(FfnKind.DENSE, v3.layers().get(2).ffn());
        assertEquals(FfnKind.MOE, v3.layers().get(3).ffn());
        ModelSpec oss = r.model("gpt-oss-120b");
        assertEquals(AttentionWindow.sliding(128), oss.layers().get(0).window());
        assertEquals(AttentionWindow.FULL, oss.layers().get(1).window());
        assertEquals(2, oss.layerGroups().size(), "two distinct layers: sliding MoE and full MoE");
    }
}
