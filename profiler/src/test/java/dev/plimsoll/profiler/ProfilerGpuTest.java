package dev.plimsoll.profiler;

import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import dev.plimsoll.profiler.bench.Measurements;
import dev.plimsoll.profiler.cuda.CudaContext;
import dev.plimsoll.profiler.plan.AttentionHeads;
import dev.plimsoll.profiler.plan.DecodePoint;
import dev.plimsoll.profiler.plan.GemmPoint;
import dev.plimsoll.profiler.plan.KernelPlan;
import dev.plimsoll.profiler.plan.ProfileDepth;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small profile on the machine's GPU (tagged "gpu": excluded by default; run on a GPU host with
 * {@code mvn -pl profiler -am verify -Dgroups=gpu -Dprofiler.excludedGroups=}). Needs the NVIDIA
 * driver, nvcc and libcublasLt.
 */
@Tag("gpu")
class ProfilerGpuTest {
    @Test
    void aSmallPlanMeasuresPlausibleTimesOnThisGpu(@TempDir Path dir) throws Exception {
        try (CudaContext cuda = CudaContext.open(0)) {
            SpecRegistry specs = SpecRegistry.bundled();
            GpuSpec gpu = GpuMatcher.match(cuda.info().name(), specs.gpus()).orElseThrow();
            AttentionHeads heads = new AttentionHeads(32, 8, 128);
            KernelPlan plan = new KernelPlan(ProfileDepth.QUICK, List.of("test"),
                    List.of(new GemmPoint("bfloat16", 1, 4096, 4096), new GemmPoint("bfloat16", 4096, 4096, 4096)),
                    List.of(), List.of(new DecodePoint(heads, DecodePoint.BF16, 1, 1023),
                    new DecodePoint(heads, DecodePoint.BF16, 64, 4095)), List.of(), List.of(1L << 30), List.of());
            ProfileOptions opts = new ProfileOptions(0, Optional.empty(), Optional.empty(), dir.resolve("work"), 0,
                    "nvidia-smi", List.of("vllm"));
            Profiler.Result r = new Profiler(cuda, opts, System.err::println).run(plan, gpu, dir.resolve("out"), "test");
            Measurements m = r.measurements();
            assertTrue(m.notes().stream().noneMatch(n -> n.contains("disagrees")), m.notes().toString());
            assertEquals(2, m.gemms().size(), m.notes().toString());
            assertEquals(2, m.decodes().size(), m.notes().toString());
            // a streaming read reaches most of the spec's bandwidth, and never more
            double share = m.readBytesPerS() / gpu.memoryBandwidthBytesPerS();
            assertTrue(share > 0.6 && share < 1.05, "read bandwidth " + m.readBytesPerS());
            assertTrue(m.gemms().get(1).timing().medianMs() > m.gemms().get(0).timing().medianMs());
            assertTrue(m.decodes().get(1).timing().medianMs() > m.decodes().get(0).timing().medianMs());
        }
    }
}
