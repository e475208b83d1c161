package dev.plimsoll.perfmodel.estimate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimator prices a decode batch with the engine's own CUDA-graph limit for the GPU and layout
 * (SGLang's server_args: 256 graphs below TP 4 on a 60-160 GiB GPU), not a fixed one.
 */
class EngineDefaultsOnTheGpuTest {
    private static final Estimator ESTIMATOR = new Estimator(CostModelProvider.roofline());

    private static Estimate sglangOnOneH100(int batch) {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        return ESTIMATOR.estimate(new EstimateRequest(llama, TestSpecs.gpu("h100-sxm"), Parallelism.SINGLE,
                llama.defaultQuant(), TestSpecs.backend("sglang"), true, batch, 1024, 1024,
                EstimateRequest.DEFAULT_MEMORY_FRACTION));
    }

    @Test
    void aDecodeBatchWithinSglangsGraphsForTheGpuReplaysOne() {
        Estimate within = sglangOnOneH100(256);
        Estimate above = sglangOnOneH100(257);
        assertFalse(within.notes().stream().anyMatch(n -> n.contains("runs eagerly")), within.notes().toString());
        assertTrue(above.notes().stream().anyMatch(n -> n.contains("largest captured CUDA graph (256)")),
                above.notes().toString());
        assertTrue(above.decodeStepMs() > 1.2 * within.decodeStepMs(), "one request more runs eagerly and pays "
                + "its launches: " + within.decodeStepMs() + " ms, then " + above.decodeStepMs() + " ms");
    }
}
