package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.LayoutValidator;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertTrue;

class StepLatencyPropertiesTest {
    @Provide
    Arbitrary<ModelSpec> models() {
        return Arbitraries.of(TestSpecs.REGISTRY.models());
    }

    @Provide
    Arbitrary<GpuSpec> gpus() {
        return Arbitraries.of(TestSpecs.REGISTRY.gpus());
    }

    @Provide
    Arbitrary<String> backends() {
        return Arbitraries.of("vllm", "sglang", "trtllm");
    }

    private static StepLatencyModel model(ModelSpec m, GpuSpec g, int tp, String backendId, boolean graphs) {
        BackendProfile backend = TestSpecs.backend(backendId);
        OperatorGraph graph = new OperatorGraph(m, g, Parallelism.tp(tp), QuantResolver.resolve(m.defaultQuant(), g));
        return new StepLatencyModel(graph, new RooflineCostModel(g, backend), backend, graphs);
    }

    @Property(tries = 300)
    void decodeStepNeverGetsFasterWithMoreRequests(@ForAll("models") ModelSpec m, @ForAll("gpus") GpuSpec g,
                                                    @ForAll("backends") String backend,
                                                    @ForAll @IntRange(min = 0, max = 3) int log2Tp,
                                                    @ForAll @IntRange(min = 1, max = 1024) int batch,
                                                    @ForAll @IntRange(min = 0, max = 200_000) int context,
                                                    @ForAll boolean graphs) {
        int tp = 1 << log2Tp;
        if (!LayoutValidator.problems(m, Parallelism.tp(tp)).isEmpty()) {
            return;
        }
        StepLatencyModel s = model(m, g, tp, backend, graphs);
        double now = s.stepMs(StepBatch.decode(batch, context));
        double more = s.stepMs(StepBatch.decode(batch + 1, context));
        assertTrue(more >= now, m.id() + " batch " + batch + ": " + now + " -> " + more);
    }

    @Property(tries = 300)
    void decodeStepNeverGetsFasterWithLongerContext(@ForAll("models") ModelSpec m, @ForAll("gpus") GpuSpec g,
                                                     @ForAll("backends") String backend,
                                                     @ForAll @IntRange(min = 0, max = 3) int log2Tp,
                                                     @ForAll @IntRange(min = 1, max = 1024) int batch,
                                                     @ForAll @IntRange(min = 0, max = 200_000) int context,
                                                     @ForAll @IntRange(min = 1, max = 50_000) int extra) {
        int tp = 1 << log2Tp;
        if (!LayoutValidator.problems(m, Parallelism.tp(tp)).isEmpty()) {
            return;
        }
        StepLatencyModel s = model(m, g, tp, backend, true);
        double now = s.stepMs(StepBatch.decode(batch, context));
        double longer = s.stepMs(StepBatch.decode(batch, (long) context + extra));
        assertTrue(longer >= now, m.id() + " context " + context + ": " + now + " -> " + longer);
    }
}
