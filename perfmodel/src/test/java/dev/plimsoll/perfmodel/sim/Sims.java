package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.workload.Workload;

/** Shorthands for building simulations in tests. */
final class Sims {
    private Sims() {
    }

    static EngineConfig engine(SchedulerProfile profile, long kvTokens, int maxRunning, int budget) {
        return EngineConfig.of(profile, kvTokens, 131_072, maxRunning, budget, 512);
    }

    static SimulationResult aggregated(EngineConfig engine, StepTimeModel model, int replicas, RouterKind router,
                                       Workload workload) {
        return Simulation.run(SimulationConfig.aggregated(engine, StepTimeModelFactory.of(model), replicas, router,
                workload, SlaSpec.NONE).withOptions(SimulationOptions.DEFAULT.withTimeSeriesIntervalMs(0)));
    }

    static SimulationResult single(EngineConfig engine, StepTimeModel model, Workload workload) {
        return aggregated(engine, model, 1, RouterKind.ROUND_ROBIN, workload);
    }

    /** One engine serving timed requests, each request's record kept. */
    static SimulationResult keepingRequests(EngineConfig engine, StepTimeModel model,
                                            java.util.List<dev.plimsoll.perfmodel.workload.TimedRequest> requests) {
        return Simulation.run(SimulationConfig.aggregated(engine, StepTimeModelFactory.of(model), 1,
                RouterKind.ROUND_ROBIN, Workload.of("test requests", requests), SlaSpec.NONE)
                .withOptions(SimulationOptions.DEFAULT.withKeepRequests(true).withTimeSeriesIntervalMs(0)));
    }

    /** The record of request {@code id} in a run that kept them. */
    static RequestRecord record(SimulationResult r, long id) {
        return r.requestRecords().stream().filter(q -> q.id() == id).findFirst().orElseThrow();
    }
}
