package dev.plimsoll.autoscaler.replay;

import dev.plimsoll.autoscaler.policy.AnalyticCapacity;
import dev.plimsoll.autoscaler.policy.CapacityModel;
import dev.plimsoll.autoscaler.policy.Limits;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.PlimsollPolicy;
import dev.plimsoll.autoscaler.policy.PlimsollSettings;
import dev.plimsoll.autoscaler.policy.PoolBounds;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.autoscaler.policy.baseline.DynamoPlannerPolicy;
import dev.plimsoll.autoscaler.policy.baseline.HpaPolicy;
import dev.plimsoll.autoscaler.policy.baseline.KedaPolicy;
import dev.plimsoll.autoscaler.policy.baseline.OraclePolicy;
import dev.plimsoll.autoscaler.policy.baseline.StaticPolicy;
import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Planner;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.Deployment;
import dev.plimsoll.perfmodel.sim.ElasticPools;
import dev.plimsoll.perfmodel.sim.EnginePool;
import dev.plimsoll.perfmodel.sim.ProgressListener;
import dev.plimsoll.perfmodel.sim.RouterKind;
import dev.plimsoll.perfmodel.sim.Simulation;
import dev.plimsoll.perfmodel.sim.SimulationConfig;
import dev.plimsoll.perfmodel.sim.SimulationOptions;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays a trace through the serving simulator under a scaling policy in virtual time. The
 * deployment is the plan for the trace's busiest minute (the analytic planner's cheapest layout
 * of the asked mode); every dynamic policy starts at the size Plimsoll's model gives for the
 * busiest interval of the first start-up and interval, may grow each pool to {@value #MAX_FACTOR} times the peak plan, and new
 * workers serve after the start-up delay.
 */
public final class ReplayRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunner.class);
    /** Room above the plan for the peak: a policy may overshoot it twofold. */
    static final int MAX_FACTOR = 2;
    public static final List<String> POLICIES = List.of("plimsoll", "dynamo", "hpa", "keda", "static-peak", "oracle");

    private final ReplaySpec spec;
    private final TraceLoad trace;
    private final Proposal proposal;
    private final Load peak;
    private final int[] planned;
    private final List<String> pools;

    public ReplayRunner(ReplaySpec spec, TraceLoad trace) {
        this.spec = spec;
        this.trace = trace;
        this.peak = trace.peak(spec.peakWindowMs(), spec.intervalMs());
        PlanRequest request = spec.plan().withTarget(new LoadTarget.Rate(peak.requestsPerS()))
                .withSpace(spec.plan().space().withSimulate(false));
        LOG.info("planning for the trace's peak, {} req/s", String.format(Locale.ROOT, "%.1f", peak.requestsPerS()));
        PlanResult plan = new Planner().plan(request);
        Proposal p = switch (spec.plan().mode()) {
            case AGG -> plan.bestAggregated();
            case DISAGG -> plan.bestDisaggregated();
            default -> plan.best();
        };
        if (p == null) {
            throw new UserInputException("no " + spec.plan().mode().key() + " deployment meets "
                    + spec.plan().sla().describe() + " at the trace's peak of "
                    + String.format(Locale.ROOT, "%.1f", peak.requestsPerS()) + " req/s");
        }
        this.proposal = p;
        this.planned = new int[p.pools().size()];
        this.pools = new ArrayList<>();
        for (int i = 0; i < planned.length; i++) {
            planned[i] = p.pools().get(i).workers();
            pools.add(p.pools().get(i).role());
        }
    }

    public Proposal proposal() {
        return proposal;
    }

    public Load peak() {
        return peak;
    }

    /** A fresh model (its curves memoise per thread). */
    CapacityModel model() {
        if (proposal.architecture() == Architecture.AGGREGATED) {
            PoolPlan a = proposal.pools().get(0);
            return AnalyticCapacity.aggregated(a.engine(), a.maxRunning(), spec.plan().workload(), spec.plan().sla());
        }
        PoolPlan pre = proposal.pool(PoolPlan.PREFILL);
        PoolPlan dec = proposal.pool(PoolPlan.DECODE);
        return AnalyticCapacity.disaggregated(pre.engine(), dec.engine(), dec.maxRunning(), proposal.link(),
                spec.plan().workload(), spec.plan().sla());
    }

    Limits limits() {
        List<PoolBounds> bounds = new ArrayList<>();
        for (int i = 0; i < planned.length; i++) {
            bounds.add(new PoolBounds(1, MAX_FACTOR * planned[i], proposal.pools().get(i).gpusPerWorker(), 1));
        }
        return new Limits(bounds, spec.gpuBudget());
    }

    ScalingPolicy policy(String name, CapacityModel model, Limits limits) {
        return switch (name) {
            case "plimsoll" -> new PlimsollPolicy(model, limits, spec.plan().sla(),
                    new PlimsollSettings(spec.intervalMs(), 12 * spec.intervalMs(), spec.startupMs(), spec.forecaster(),
                            2 * spec.intervalMs(), 3 * Math.max(spec.startupMs(), spec.intervalMs())));
            case "dynamo" -> new DynamoPlannerPolicy(model, limits, DynamoPlannerPolicy.ADJUSTMENT_INTERVAL_MS);
            case "hpa" -> new HpaPolicy(limits, spec.hpaTargetWaiting(), planned.length);
            case "keda" -> new KedaPolicy(limits, spec.kedaWaiting(), spec.kedaKvUsage(), planned.length);
            case "static-peak" -> new StaticPolicy(planned);
            case "oracle" -> new OraclePolicy(model, limits, trace::between, spec.intervalMs(), spec.startupMs());
            default -> throw new UserInputException("unknown policy '" + name + "'; expected one of "
                    + String.join(", ", POLICIES));
        };
    }

    /** A fresh policy of this replay's model and limits (for benchmarks of its decisions). */
    public ScalingPolicy newPolicy(String name) {
        return policy(name, model(), limits());
    }

    public ReplayResult run(String policyName) {
        CapacityModel model = model();
        return run(policy(policyName, model, limits()), model);
    }

    /** Replays under {@code policy}; {@code model} sizes the initial fleet of a dynamic one. */
    ReplayResult run(ScalingPolicy policy, CapacityModel model) {
        String policyName = policy.name();
        Limits limits = limits();
        int[] initial;
        if (policy instanceof StaticPolicy) {
            initial = planned.clone();
        } else {
            // the fleet was sized for the present before the replay began: for the busiest interval of
            // the first start-up and interval, which no policy could have changed
            initial = new int[planned.length];
            for (double t = 0; t < spec.startupMs() + spec.intervalMs(); t += spec.intervalMs()) {
                Load load = trace.between(t, t + spec.intervalMs());
                if (load != null) {
                    int[] need = model.workersFor(load, CapacityModel.Correction.NONE);
                    for (int i = 0; i < initial.length; i++) {
                        initial[i] = Math.max(initial[i], need[i]);
                    }
                }
            }
            initial = limits.clamp(initial).replicas();
        }
        int[] max = new int[planned.length];
        int[] gpus = new int[planned.length];
        for (int i = 0; i < max.length; i++) {
            max[i] = Math.max(initial[i], limits.pool(i).maxReplicas());
            gpus[i] = proposal.pools().get(i).gpusPerWorker();
        }
        Deployment deployment = deployment(initial);
        SimulationConfig config = new SimulationConfig(deployment, trace.workload(), spec.plan().sla().toSlaSpec(),
                new SimulationOptions(1L, 0.0, Double.POSITIVE_INFINITY, false));
        SimulatedExporter exporter = new SimulatedExporter(policy, spec.plan().sla().quantile(), gpus);
        LOG.info("replaying {} requests under {}", trace.size(), policyName);
        long t0 = System.nanoTime();
        SimulationResult r = Simulation.runElastic(config, ProgressListener.NONE,
                new ElasticPools(max, spec.startupMs(), spec.intervalMs()), exporter);
        double wallS = (System.nanoTime() - t0) / 1e9;
        double gpuHours = exporter.gpuMs() / 3.6e6;
        return new ReplayResult(policyName, proposal.describe(), r.slaAttainment(), gpuHours, exporter.actions(),
                spec.plan().sla().pick(r.ttft()), spec.plan().sla().pick(r.itl()), spec.plan().sla().pick(r.tpot()),
                r.requests(), r.unfinishedRequests() + r.rejectedRequests(), r.simulatedMs() / 1000.0, wallS,
                exporter.meanDecisionMs(), exporter.maxDecisionMs(), peak.requestsPerS(),
                List.copyOf(exporter.rows()), List.copyOf(pools));
    }

    private Deployment deployment(int[] initial) {
        RouterKind front = RouterKind.ROUND_ROBIN;
        if (proposal.architecture() == Architecture.AGGREGATED) {
            PoolPlan a = proposal.pools().get(0);
            return new Deployment.Aggregated(pool(a, initial[0]), front);
        }
        return new Deployment.Disaggregated(pool(proposal.pool(PoolPlan.PREFILL), initial[0]),
                pool(proposal.pool(PoolPlan.DECODE), initial[1]), proposal.link(), front, RouterKind.ROUND_ROBIN);
    }

    private static EnginePool pool(PoolPlan plan, int workers) {
        return new EnginePool(plan.engineConfig(), plan.engine().replica().stepTimes(), Math.max(1, workers));
    }
}
