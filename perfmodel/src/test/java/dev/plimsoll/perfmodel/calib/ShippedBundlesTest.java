package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.estimate.Estimate;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.estimate.Estimator;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundles shipped in the jar: complete, attributed, reproducible, and exact on their tables. */
class ShippedBundlesTest {
    @Test
    void everyGpuAndFrameworkIsShippedWithAttribution() throws IOException {
        Set<String> shipped = BundleCatalog.shipped().entries().stream().map(e -> e.gpuId() + "/" + e.backend())
                .collect(Collectors.toSet());
        assertEquals(Set.of("h100-sxm/trtllm", "h100-sxm/vllm", "h100-sxm/sglang", "h200-sxm/trtllm", "h200-sxm/vllm",
                "h200-sxm/sglang", "b200-sxm/trtllm", "b200-sxm/vllm", "b200-sxm/sglang", "gb200/trtllm", "gb200/vllm",
                "gb200/sglang"), shipped);
        String commit = Files.readAllLines(SharedData.root().resolve("SOURCES.txt")).get(0).split(" ")[1];
        for (BundleCatalog.Entry e : BundleCatalog.shipped().entries()) {
            BundleManifest m = e.loader().get().manifest();
            assertTrue(m.source().contains(commit), m.source());
            assertTrue(m.license().startsWith("Apache-2.0"), m.license());
            // eight families, gated DeltaNet and MLA absorption; SGLang adds GLM-5's three sparse-attention tables,
            // vLLM has no MLA attention tables
            int expected = 10 + (e.backend().equals("sglang") ? 3 : 0) - (e.backend().equals("vllm") ? 2 : 0);
            assertEquals(expected, m.families().size(), e.gpuId() + "/" + e.backend());
        }
        ClassLoader cl = getClass().getClassLoader();
        assertNotNull(cl.getResource("calibration/" + ShippedBundleBuilder.LICENSE_FILE));
        assertNotNull(cl.getResource("calibration/NOTICE.txt"));
    }

    @Test
    void rebuildingABundleGivesTheShippedFiles(@TempDir Path dir) throws IOException {
        CalibrationBundle b = Calibrator.build(SharedData.kernels("h100_sxm"), TestGpus.h100(), "trtllm",
                ShippedBundleBuilder.source(SharedData.root()), ShippedBundleBuilder.LICENSE);
        BundleIo.write(b, dir);
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertEquals(11, files.size());
        for (Path f : files) {
            String name = f.getFileName().toString();
            try (InputStream shipped = getClass().getClassLoader()
                    .getResourceAsStream("calibration/h100-sxm/trtllm/" + name)) {
                assertNotNull(shipped, name);
                assertEquals(text(Files.newInputStream(f), name), text(shipped, name), name);
            }
        }
    }

    @Test
    void shippedBundlesReproduceTheirOwnTables() {
        // every 25th row of the H200 vLLM tables: exact hits, equal to the table up to the bundle's
        // five significant digits
        CalibrationBundle b = BundleCatalog.shipped().select("h200-sxm", ReferenceSpec.of(TestGpus.h200()), "vllm")
                .orElseThrow().bundle();
        ReferenceSpec h200 = ReferenceSpec.of(TestGpus.h200());
        for (KernelFamily f : List.of(KernelFamily.GEMM, KernelFamily.GENERATION_ATTENTION, KernelFamily.ALLREDUCE)) {
            List<KernelRow> rows = KernelTableReader.read(SharedData.kernels("h200_sxm").resolve(f.fileName("vllm")),
                    f, "vllm").rows();
            FamilyModel m = b.model(f).orElseThrow();
            for (int i = 0; i < rows.size(); i += 25) {
                KernelRow r = rows.get(i);
                Prediction p = m.predict(KernelQuery.ofRow(f, r), h200, true);
                assertEquals(Provenance.MEASURED, p.provenance(), f + " line " + r.line());
                assertEquals(r.latencyMs(), p.timeMs(), 6e-5 * r.latencyMs(), f + " line " + r.line());
            }
        }
    }

    @Test
    void aGpuWithoutTablesBorrowsThoseOfItsOwnArchitecture() {
        SpecRegistry specs = SpecRegistry.load(null);
        // B300 (Blackwell Ultra, FP4 tensor cores) from a Blackwell bundle, H100 PCIe from a Hopper one
        String b300 = BundleCatalog.shipped().select("b300-sxm", ReferenceSpec.of(specs.gpu("b300-sxm")), "vllm")
                .orElseThrow().bundle().gpuId();
        assertTrue(b300.equals("b200-sxm") || b300.equals("gb200"), b300);
        // GB300 (Blackwell Ultra in an NVL72 rack): the rack-scale Blackwell tables, the closest figures
        assertEquals("gb200", BundleCatalog.shipped().select("gb300", ReferenceSpec.of(specs.gpu("gb300")), "trtllm")
                .orElseThrow().bundle().gpuId());
        String pcie = BundleCatalog.shipped().select("h100-pcie", ReferenceSpec.of(specs.gpu("h100-pcie")), "vllm")
                .orElseThrow().bundle().gpuId();
        assertTrue(pcie.equals("h100-sxm") || pcie.equals("h200-sxm"), pcie);
    }

    @Test
    void anEstimateOnABorrowedBundleSaysWhose() {
        SpecRegistry specs = SpecRegistry.load(null);
        ModelSpec m = specs.model("llama-3.1-8b");
        Estimate e = new Estimator(CalibratedCostModels.provider(java.util.Optional.empty())).estimate(
                new EstimateRequest(m, specs.gpu("b300-sxm"), Parallelism.tp(1), m.defaultQuant(),
                        dev.plimsoll.perfmodel.TestSpecs.backend("vllm"), true, 1, 1000, 100, EstimateRequest.DEFAULT_MEMORY_FRACTION));
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("no vllm kernel tables for b300-sxm")
                && n.contains("tables (the closest calibrated GPU with the same tensor-core formats)")), e.notes().toString());
        Estimate own = new Estimator(CalibratedCostModels.provider(java.util.Optional.empty())).estimate(
                new EstimateRequest(m, specs.gpu("h200-sxm"), Parallelism.tp(1), m.defaultQuant(),
                        dev.plimsoll.perfmodel.TestSpecs.backend("vllm"), true, 1, 1000, 100, EstimateRequest.DEFAULT_MEMORY_FRACTION));
        assertTrue(own.notes().stream().noneMatch(n -> n.contains("kernel tables")), own.notes().toString());
    }

    private static String text(InputStream in, String name) throws IOException {
        try (InputStream s = name.endsWith(".gz") ? new GZIPInputStream(in) : in) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
