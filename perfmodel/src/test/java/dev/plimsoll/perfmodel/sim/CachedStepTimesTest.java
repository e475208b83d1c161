package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.ops.StepBatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachedStepTimesTest {
    @Property
    void bucketMiddlesAreWithinHalfABucketOfTheValue(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int tokens) {
        int middle = CachedStepTimes.middle(CachedStepTimes.bucket(tokens));
        if (tokens < 128) {
            assertEquals(tokens, middle);
        } else {
            assertTrue(Math.abs(middle - (double) tokens) / tokens <= 1.0 / 128, tokens + " -> " + middle);
        }
        assertTrue(CachedStepTimes.bucket(tokens) < 1 << 11);
    }

    @Property
    void bucketsAreMonotone(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int tokens) {
        assertTrue(CachedStepTimes.bucket(tokens) <= CachedStepTimes.bucket(tokens + 1));
    }

    @Test
    void cachedTimeIsTheModelsTimeAtTheBucketMiddleAndRequestCountsStayExact() {
        AtomicLong calls = new AtomicLong();
        StepTimeModel counting = b -> {
            calls.incrementAndGet();
            return LinearStepTime.LLAMA_8B_H100.stepMs(b);
        };
        CachedStepTimes cached = new CachedStepTimes(counting);
        double a = cached.stepMs(StepBatch.decode(37, 1000));
        double b = cached.stepMs(StepBatch.decode(37, 1003));
        double c = cached.stepMs(StepBatch.decode(38, 1000));
        assertEquals(a, b, "1000 and 1003 share a bucket");
        assertEquals(LinearStepTime.LLAMA_8B_H100.stepMs(StepBatch.decode(37, CachedStepTimes.middle(
                CachedStepTimes.bucket(1000)))), a, 1e-12);
        assertTrue(c > a);
        assertEquals(2, calls.get());
        assertEquals(2, cached.evaluations());
    }

    /** The Azure replay with a memoised model: nearly the same answer from a few thousand evaluations. */
    @Test
    void azureReplayNeedsFewEvaluations() {
        SimulationConfig exact = AzureReplayBenchmark.config();
        Deployment.Aggregated d = (Deployment.Aggregated) exact.deployment();
        CachedStepTimes[] cache = new CachedStepTimes[1];
        StepTimeModelFactory memo = engine -> cache[0] = new CachedStepTimes(LinearStepTime.LLAMA_8B_H100);
        SimulationConfig cached = new SimulationConfig(new Deployment.Aggregated(
                new EnginePool(d.pool().engine(), memo, d.pool().workers()), d.router()), exact.workload(), exact.sla(),
                exact.options());

        SimulationResult e = Simulation.run(exact);
        SimulationResult c = Simulation.run(cached);
        System.out.printf("memoised Azure replay: %d evaluations for %d steps; TTFT %.3f vs %.3f ms%n",
                cache[0].evaluations(), c.pools().get(0).steps(), c.ttft().meanMs(), e.ttft().meanMs());
        assertEquals(e.ttft().meanMs(), c.ttft().meanMs(), 0.005 * e.ttft().meanMs());
        assertEquals(e.tpot().meanMs(), c.tpot().meanMs(), 0.005 * e.tpot().meanMs());
        assertTrue(cache[0].evaluations() < 20_000, cache[0].evaluations() + " evaluations for "
                + c.pools().get(0).steps() + " steps");
    }
}
