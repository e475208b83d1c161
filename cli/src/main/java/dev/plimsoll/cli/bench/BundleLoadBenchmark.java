package dev.plimsoll.cli.bench;

import dev.plimsoll.perfmodel.calib.BundleCatalog;
import dev.plimsoll.perfmodel.calib.BundleIo;
import dev.plimsoll.perfmodel.calib.BundleManifest;
import dev.plimsoll.perfmodel.calib.CalibratedCostModel;
import dev.plimsoll.perfmodel.calib.CalibrationBundle;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reading the calibration the README's reference plan needs (Qwen3-32B on H200 with vLLM: the
 * GEMM, attention and collective curves of the shipped h200-sxm/vllm bundle), as
 * {@code plimsoll plan} does before its search clock starts: the shipped catalog, then each family
 * the model uses, one thread per family. {@code warm}: a JIT-compiled JVM, every call a fresh
 * bundle object (the catalog read once); {@code cold}: the first read in a fresh JVM (C1 only, as
 * the launcher runs {@code plan}), catalog included, specs already loaded. {@link #main} prints the
 * cold figure once, for bench/bundle-load.sh.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BundleLoadBenchmark {
    /** The reference plan's bundle. */
    static final String REFERENCE_BUNDLE = BundleCatalog.SHIPPED_ROOT + "/h200-sxm/vllm";

    private ModelSpec model;
    private GpuSpec gpu;
    private BackendProfile backend;
    private BundleManifest manifest;

    @Setup
    public void setUp() {
        SpecRegistry reg = SpecRegistry.load(null);
        model = reg.model("qwen3-32b");
        gpu = reg.gpu("h200-sxm");
        backend = BackendProfiles.get("vllm");
    }

    private CalibrationBundle selected() {
        return BundleCatalog.shipped().select(gpu.id(), ReferenceSpec.of(gpu), backend.id()).orElseThrow().bundle();
    }

    /** What {@code plan} reads for the reference question, from a bundle object of its own. */
    CalibrationBundle load(boolean firstUse) {
        if (!firstUse && manifest == null) {
            manifest = selected().manifest(); // the catalog, read once: warm calls measure the curves
        }
        CalibrationBundle bundle = firstUse ? selected() : BundleIo.readResource(REFERENCE_BUNDLE, manifest);
        new CalibratedCostModel(bundle, gpu, backend).prepare(model);
        return bundle;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public CalibrationBundle warm() {
        return load(false);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    public CalibrationBundle cold() {
        return load(true);
    }

    /** Prints the specs and the first bundle read of this JVM in ms (bench/bundle-load.sh). */
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        BundleLoadBenchmark b = new BundleLoadBenchmark();
        b.setUp();
        long t1 = System.nanoTime();
        b.load(true);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "specs_ms %d bundle_load_ms %d%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }
}
