package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.cost.StepLatencyModel;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calibrated step model between grid points and table points: a decode step's time, read
 * from measured curves on the KV-length grid, grows with the context within measurement noise.
 * The measured tables themselves are not strictly monotone (two decode-attention rows a few KV
 * tokens apart can swap by 0.1%; repeated measurements in the database agree within about 1%), so
 * a longer context may come out up to 1% faster, never more. (Along the batch axis measured kernels
 * are not monotone at all: a larger batch can pick a faster GEMM tile, so that axis is not
 * asserted.)
 */
class CalibratedStepPropertiesTest {
    /** Repeat-measurement agreement of the kernel database (see docs/calibration.md). */
    private static final double MEASUREMENT_NOISE = 0.01;
    private static final CostModelProvider SHIPPED = CalibratedCostModels.provider(Optional.empty());

    private static StepLatencyModel model(String modelId, String gpuId, int tp) {
        ModelSpec m = TestSpecs.model(modelId);
        GpuSpec g = TestSpecs.gpu(gpuId);
        BackendProfile backend = TestSpecs.backend("vllm");
        OperatorGraph graph = new OperatorGraph(m, g, Parallelism.tp(tp), QuantResolver.resolve(m.defaultQuant(), g));
        return new StepLatencyModel(graph, SHIPPED.forGpu(g, backend), backend, true);
    }

    @Property(tries = 200)
    void decodeStepGrowsWithContextOnTheCalibratedGrid(@ForAll @IntRange(min = 1, max = 256) int batch,
                                                       @ForAll @IntRange(min = 0, max = 60_000) int context,
                                                       @ForAll @IntRange(min = 1, max = 5_000) int extra) {
        StepLatencyModel s = model("llama-3.1-8b", "h100-sxm", 1);
        double now = s.stepMs(StepBatch.decode(batch, context));
        double longer = s.stepMs(StepBatch.decode(batch, (long) context + extra));
        assertTrue(longer >= now * (1 - MEASUREMENT_NOISE), "batch " + batch + " context " + context + ": " + now + " -> " + longer);
    }
}
