package dev.plimsoll.perfmodel.memory;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.parallel.LayoutValidator;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryPropertiesTest {
    @Provide
    Arbitrary<ModelSpec> models() {
        return Arbitraries.of(TestSpecs.REGISTRY.models());
    }

    @Provide
    Arbitrary<GpuSpec> gpus() {
        return Arbitraries.of(TestSpecs.REGISTRY.gpus());
    }

    @Property(tries = 200)
    void moreTensorParallelismNeverAddsWeightBytesPerGpu(@ForAll("models") ModelSpec model,
                                                         @ForAll @IntRange(min = 0, max = 4) int log2Tp) {
        int tp = 1 << log2Tp;
        Parallelism narrow = Parallelism.tp(tp);
        Parallelism wide = Parallelism.tp(tp * 2);
        if (!LayoutValidator.problems(model, narrow).isEmpty() || !LayoutValidator.problems(model, wide).isEmpty()) {
            return;
        }
        GpuSpec gpu = TestSpecs.gpu("h200-sxm");
        ResolvedQuant q = QuantResolver.resolve(model.defaultQuant(), gpu);
        assertTrue(WeightMemory.bytesPerGpu(model, wide, q) <= WeightMemory.bytesPerGpu(model, narrow, q),
                model.id() + " tp" + tp);
    }

    @Property(tries = 200)
    void memoryTotalIsTheSumOfItsPartsAndFitsTheUsableShare(@ForAll("models") ModelSpec model,
                                                            @ForAll("gpus") GpuSpec gpu,
                                                            @ForAll @IntRange(min = 0, max = 3) int log2Tp,
                                                            @ForAll @IntRange(min = 50, max = 95) int percent) {
        Parallelism p = Parallelism.tp(1 << log2Tp);
        if (!LayoutValidator.problems(model, p).isEmpty()) {
            return;
        }
        BackendProfile backend = TestSpecs.backend("vllm");
        double fraction = percent / 100.0;
        MemoryBreakdown m;
        try {
            m = MemoryModel.compute(model, gpu, p, QuantResolver.resolve(model.defaultQuant(), gpu), backend, 8192, 256,
                    true, fraction);
        } catch (UserInputException doesNotFit) {
            assertTrue(doesNotFit.getMessage().contains("short by"), doesNotFit.getMessage());
            return;
        }
        assertEquals(m.weightsBytes() + m.kvCacheBytes() + m.activationBytes() + m.reservedBytes(), m.totalBytes());
        assertTrue(m.kvCacheBytes() >= 0);
        assertTrue(m.totalBytes() <= (long) Math.floor(gpu.memoryBytes() * fraction));
        assertEquals((long) Math.floor(gpu.memoryBytes() * fraction), m.totalBytes());
    }
}
