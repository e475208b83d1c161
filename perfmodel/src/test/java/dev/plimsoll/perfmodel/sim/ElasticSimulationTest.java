package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElasticSimulationTest {
    private static final EngineConfig ENGINE = Sims.engine(SchedulerProfile.VLLM, 200_000, 64, 8192);

    private static SimulationConfig config(int workers, Workload w) {
        return SimulationConfig.aggregated(ENGINE, StepTimeModelFactory.of(LinearStepTime.LLAMA_8B_H100), workers,
                RouterKind.ROUND_ROBIN, w, SlaSpec.NONE).withOptions(SimulationOptions.DEFAULT.withTimeSeriesIntervalMs(0));
    }

    /** Records what the hook saw and scales to a scripted size at given instants. */
    private static final class Scripted implements ScalingHook {
        final List<PoolState> seen = new ArrayList<>();
        final double scaleAtMs;
        final int to;
        long arrivals;
        long firstTokens;

        Scripted(double scaleAtMs, int to) {
            this.scaleAtMs = scaleAtMs;
            this.to = to;
        }

        @Override
        public void control(double nowMs, ElasticFleet fleet) {
            seen.add(fleet.state(0));
            if (nowMs >= scaleAtMs && fleet.state(0).provisionedWorkers() != to) {
                fleet.scaleTo(0, to);
            }
        }

        @Override
        public void arrived(double nowMs, int inputTokens) {
            arrivals++;
        }

        @Override
        public void firstToken(double nowMs, double ttftMs) {
            firstTokens++;
        }
    }

    @Test
    void scaledUpWorkersServeOnlyAfterTheirStartupDelay() {
        Workload w = Workload.poisson(20, RequestShapes.fixed(500, 50), 2000, 7);
        Scripted hook = new Scripted(10_000, 3);
        SimulationResult r = Simulation.runElastic(config(1, w), ProgressListener.NONE,
                new ElasticPools(new int[] {4}, 30_000, 5_000), hook);
        assertEquals(2000, r.finishedRequests());
        assertEquals(2000, hook.arrivals);
        assertEquals(2000, hook.firstTokens);
        // at 10 s two start; at 15 s .. 35 s they are still starting, at 40 s ready
        PoolState at20 = hook.seen.get(3);
        assertEquals(1, at20.readyWorkers());
        assertEquals(2, at20.startingWorkers());
        PoolState at45 = hook.seen.get(8);
        assertEquals(3, at45.readyWorkers());
        assertEquals(0, at45.startingWorkers());
        // held: 1 worker from 0 and 2 from 10 s to the end
        double end = r.simulatedMs();
        PoolState last = hook.seen.get(hook.seen.size() - 1);
        assertTrue(last.heldWorkerMs() > 10_000 + 3 * (hook.seen.size() * 5_000.0 - 10_000) - 3 * 5_000);
        assertTrue(last.heldWorkerMs() <= end + 2 * (end - 10_000) + 1e-6);
    }

    @Test
    void scaledDownWorkersDrainAndStopBeingHeld() {
        Workload w = Workload.poisson(10, RequestShapes.fixed(500, 50), 1500, 3);
        Scripted hook = new Scripted(20_000, 1);
        SimulationResult r = Simulation.runElastic(config(3, w), ProgressListener.NONE,
                new ElasticPools(new int[] {3}, 0, 5_000), hook);
        assertEquals(1500, r.finishedRequests(), "draining workers finish what they hold");
        PoolState after = hook.seen.get(hook.seen.size() - 1);
        assertEquals(1, after.readyWorkers());
        assertEquals(0, after.drainingWorkers());
        // three workers to 20 s, then one (drains take a few seconds at most)
        double end = after.heldWorkerMs();
        double t = hook.seen.size() * 5_000.0;
        assertTrue(end >= 3 * 20_000 + (t - 20_000) - 1e-6, "held " + end);
        assertTrue(end <= 3 * 25_000 + (t - 25_000), "held " + end);
    }

    @Test
    void fixedFleetRunsAreUnchangedByTheElasticMachinery() {
        Workload w = Workload.poisson(10, RequestShapes.fixed(500, 50), 500, 3);
        SimulationResult fixed = Simulation.run(config(2, w));
        SimulationResult elastic = Simulation.runElastic(config(2, w), ProgressListener.NONE,
                new ElasticPools(new int[] {2}, 0, 5_000), (now, fleet) -> { });
        assertEquals(fixed.ttft(), elastic.ttft());
        assertEquals(fixed.itl(), elastic.itl());
    }
}
