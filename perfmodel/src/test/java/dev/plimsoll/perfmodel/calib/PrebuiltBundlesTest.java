package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prebuilt curves shipped for every GPU and framework (written by the build,
 * {@link FittedBundleGenerator}) are the curves the raw tables give: the same bytes as the model
 * fitted from the table now, and the same predictions, bit for bit, for kernel queries on and off
 * the measured points (other shapes, other categories, kernel classes, another GPU's figures) and
 * for the ops of whole serving steps of several models. The prebuilt catalog holds the manifests.
 */
class PrebuiltBundlesTest {
    /** Kernel queries per family and target: measured rows, and as many moved off them. */
    private static final int QUERIES = 150;
    private static final List<String> STEP_MODELS = List.of("qwen3-32b", "llama-3.1-8b", "deepseek-v3",
            "gpt-oss-120b", "qwen3-30b-a3b", "llama-4-scout");

    @Test
    void prebuiltCatalogHoldsTheIndexedManifests() throws IOException {
        String root = BundleCatalog.SHIPPED_ROOT + "/";
        List<FittedCatalogIo.Listed> listed = FittedCatalogIo.read(resource(root + FittedCatalogIo.FILE), "catalog");
        List<String> index = new ArrayList<>();
        BundleIo.yaml().readTree(resource(BundleCatalog.INDEX)).path("bundles").forEach(b -> index.add(b.asText()));
        assertEquals(index, listed.stream().map(FittedCatalogIo.Listed::path).toList());
        for (FittedCatalogIo.Listed l : listed) {
            String file = root + l.path() + "/" + BundleManifest.FILE;
            assertEquals(BundleIo.manifest(new ByteArrayInputStream(resource(file)), file), l.manifest(), file);
        }
    }

    static List<String> bundles() {
        return BundleCatalog.shipped().entries().stream().map(e -> e.gpuId() + "/" + e.backend()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void prebuiltCurvesPredictWhatTheRawTablesPredict(String bundle) throws IOException {
        String base = BundleCatalog.SHIPPED_ROOT + "/" + bundle;
        CalibrationBundle shipped = BundleIo.readResource(base);
        ReferenceSpec own = shipped.reference();
        // another GPU's figures exercise the transfer arithmetic
        ReferenceSpec other = ReferenceSpec.of(TestSpecs.gpu(own.gpuId().startsWith("h") ? "b300-sxm" : "h100-sxm"));
        Map<KernelFamily, FamilyModel> fromTables = new EnumMap<>(KernelFamily.class);
        Random random = new Random(bundle.hashCode());
        for (BundleManifest.FamilyEntry e : shipped.manifest().families()) {
            KernelFamily family = KernelFamily.fromKey(e.family()).orElseThrow();
            byte[] table = resource(base + "/" + e.file());
            List<KernelRow> rows = KernelTableReader.read(new ByteArrayInputStream(table), e.file(), family,
                    shipped.backend()).rows();
            FamilyModel fitted = FamilyModel.build(family, rows, own);
            String fitFile = base + "/" + FittedFamilyIo.fileName(e.file());
            byte[] prebuilt = resource(fitFile);
            assertArrayEquals(FittedFamilyIo.write(fitted, "sha256:" + FitInputs.sha256Hex(table)), prebuilt,
                    fitFile + " is not the fit of " + e.file() + " by the current code");
            FittedFamilyIo.Read read = FittedFamilyIo.read(prebuilt, own, fitFile);
            FamilyModel loaded = shipped.model(family).orElseThrow();
            assertEquals(fitted.rows(), loaded.rows(), fitFile);
            assertEquals(fitted.fixedCosts(), loaded.fixedCosts(), fitFile);
            assertEquals(fitted.achievableUtilisation(), loaded.achievableUtilisation(), fitFile);
            assertEquals(List.copyOf(fitted.categories()), List.copyOf(loaded.categories()), fitFile);
            for (KernelQuery q : queries(family, rows, random)) {
                for (ReferenceSpec target : List.of(own, other)) {
                    boolean same = target == own;
                    assertEquals(fitted.predict(q, target, same), loaded.predict(q, target, same), fitFile + " " + q);
                    assertEquals(fitted.predict(q, target, same), read.model().predict(q, target, same), fitFile);
                }
            }
            for (String kernelClass : fitted.kernelClassSets().keySet()) {
                String category = kernelClass.substring(0, kernelClass.lastIndexOf('#'));
                String name = kernelClass.substring(kernelClass.lastIndexOf('#') + 1);
                for (KernelQuery q : queries(family, rows, random).subList(0, 20)) {
                    assertEquals(fitted.predict(q, category, name, own, true),
                            loaded.predict(q, category, name, own, true), fitFile + " " + kernelClass + " " + q);
                }
            }
            fromTables.put(family, fitted);
        }
        assertSameStepCosts(shipped, fromTables, random);
    }

    /** Measured rows, and the same rows moved along their grid and shape axes and to other categories. */
    private static List<KernelQuery> queries(KernelFamily family, List<KernelRow> rows, Random random) {
        List<KernelQuery> out = new ArrayList<>();
        int stride = Math.max(1, rows.size() / QUERIES);
        for (int i = 0; i < rows.size(); i += stride) {
            KernelRow r = rows.get(i);
            out.add(KernelQuery.ofRow(family, r));
            double[] grid = r.grid().clone();
            int g = random.nextInt(grid.length);
            grid[g] = Math.max(1, Math.round(grid[g] * Math.exp(random.nextGaussian() * 2)));
            double[] shape = r.shape().clone();
            int s = random.nextInt(shape.length);
            shape[s] = Math.max(1, Math.round(shape[s] * (random.nextBoolean() ? 1.5 : 0.75)));
            out.add(KernelQuery.of(family, r.category(), r.shape(), grid));
            out.add(KernelQuery.of(family, r.category(), shape, grid));
            String[] labels = KernelRow.splitCategory(r.category());
            labels[random.nextInt(labels.length)] = "unmeasured";
            out.add(KernelQuery.of(family, String.join(KernelRow.SEPARATOR, labels), shape, r.grid()));
        }
        return out;
    }

    /** Every op of decode, prefill and mixed steps of several models and layouts costs the same. */
    private static void assertSameStepCosts(CalibrationBundle shipped, Map<KernelFamily, FamilyModel> fromTables,
                                            Random random) {
        Map<KernelFamily, Supplier<FamilyModel>> models = new EnumMap<>(KernelFamily.class);
        Map<KernelFamily, Supplier<List<KernelRow>>> noTables = new EnumMap<>(KernelFamily.class);
        fromTables.forEach((f, m) -> {
            models.put(f, () -> m);
            noTables.put(f, List::of);
        });
        CalibrationBundle raw = new CalibrationBundle(shipped.manifest(), noTables, models);
        BackendProfile backend = TestSpecs.backend(shipped.backend());
        GpuSpec gpu = TestSpecs.gpu(shipped.gpuId());
        CalibratedCostModel a = new CalibratedCostModel(shipped, gpu, backend);
        CalibratedCostModel b = new CalibratedCostModel(raw, gpu, backend);
        int ops = 0;
        for (String id : STEP_MODELS) {
            ModelSpec model = TestSpecs.model(id);
            for (int tp : new int[]{1, 2, 4, 8}) {
                OperatorGraph graph = new OperatorGraph(model, gpu, Parallelism.tp(tp),
                        QuantResolver.resolve(model.defaultQuant(), gpu));
                for (int i = 0; i < 12; i++) {
                    int requests = 1 + random.nextInt(256);
                    long context = random.nextInt(64_000);
                    int chunk = 1 + random.nextInt(8192);
                    for (StepBatch step : List.of(StepBatch.decode(requests, context), StepBatch.prefill(1, chunk),
                            new StepBatch(1, chunk, context, requests, context))) {
                        for (Op op : graph.ops(step)) {
                            assertEquals(b.cost(op), a.cost(op), shipped.gpuId() + "/" + shipped.backend() + " " + id
                                    + " tp" + tp + " " + op);
                            ops++;
                        }
                    }
                }
            }
        }
        assertTrue(ops > 1000, "ops compared: " + ops);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PrebuiltBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, "missing resource " + name + " (the build writes the prebuilt curves: mvn process-classes)");
            return in.readAllBytes();
        }
    }
}
