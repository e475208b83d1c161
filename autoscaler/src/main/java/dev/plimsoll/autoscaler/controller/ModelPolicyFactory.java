package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import dev.plimsoll.autoscaler.crd.ServingAutoscalerSpec;
import dev.plimsoll.autoscaler.policy.AnalyticCapacity;
import dev.plimsoll.autoscaler.policy.CapacityModel;
import dev.plimsoll.autoscaler.policy.Limits;
import dev.plimsoll.autoscaler.policy.PlimsollPolicy;
import dev.plimsoll.autoscaler.policy.PlimsollSettings;
import dev.plimsoll.autoscaler.policy.PoolBounds;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.EngineBuilder;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.optimizer.sizing.TransferLinks;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Plimsoll policy for a resource: Plimsoll's analytic model of the resource's model and GPU at
 * each pool's layout (roofline costs, as {@code plimsoll plan} without calibration), its SLA,
 * bounds and intervals. An aggregated pool is sized with the aggregated model; prefill and decode
 * pools each with their own (prefill from the arrival rate and prompt length with queueing at the
 * TTFT percentile, decode from the batch within the ITL bound and the KV pool), the KV moving
 * between them over the link the planner assumes for the GPU ({@link TransferLinks}).
 */
public final class ModelPolicyFactory implements Function<ServingAutoscaler, ScalingPolicy> {
    /** GPU memory share the engine may use: vLLM's default {@code --gpu-memory-utilization}. */
    private static final double GPU_MEMORY_UTILISATION = 0.9;
    private final SpecRegistry registry;

    public ModelPolicyFactory(SpecRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ScalingPolicy apply(ServingAutoscaler r) {
        ServingAutoscalerSpec s = r.getSpec();
        CapacityModel model = model(r);
        List<PoolBounds> bounds = new ArrayList<>();
        List<ServingAutoscalerSpec.Pool> pools = PoolOrder.of(s);
        for (int i = 0; i < pools.size(); i++) {
            ServingAutoscalerSpec.Pool p = pools.get(i);
            bounds.add(new PoolBounds(p.minReplicas, p.maxReplicas, model.gpusPerWorker(i), p.gangSize));
        }
        Limits limits = new Limits(bounds, s.gpuBudget == null ? Integer.MAX_VALUE : s.gpuBudget);
        PlimsollSettings settings = PlimsollSettings.defaults(s.intervalSeconds * 1000.0, s.startupSeconds * 1000.0);
        if (s.slowIntervalSeconds != null) {
            settings = settings.withSlowIntervalMs(s.slowIntervalSeconds * 1000.0);
        }
        return new PlimsollPolicy(model, limits, sla(s), settings);
    }

    /** The capacity model of the resource's pools, in {@link PoolOrder} order. */
    public CapacityModel model(ServingAutoscaler r) {
        ServingAutoscalerSpec s = r.getSpec();
        String where = r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
        List<ServingAutoscalerSpec.Pool> pools = PoolOrder.of(s);
        WorkloadSpec workload = WorkloadSpec.fixed(s.referenceInputTokens, s.referenceOutputTokens, 0);
        if (pools.size() == 1) {
            return AnalyticCapacity.aggregated(engine(s, pools.get(0), where), s.maxRunningPerRank, workload, sla(s));
        }
        BuiltEngine prefill = engine(s, pools.get(0), where);
        BuiltEngine decode = engine(s, pools.get(1), where);
        return AnalyticCapacity.disaggregated(prefill, decode, s.maxRunningPerRank,
                TransferLinks.between(prefill, decode), workload, sla(s));
    }

    private static SlaTarget sla(ServingAutoscalerSpec s) {
        return new SlaTarget(s.sla.ttftMs, s.sla.itlMs, Double.POSITIVE_INFINITY, s.sla.percentile);
    }

    private BuiltEngine engine(ServingAutoscalerSpec s, ServingAutoscalerSpec.Pool p, String where) {
        EngineBuilder b = new EngineBuilder(registry.model(s.model), CostModelProvider.roofline(),
                GPU_MEMORY_UTILISATION);
        EngineBuilder.Result built = b.build(new EngineCandidate(registry.gpu(s.gpu),
                new Parallelism(p.tensorParallel, p.pipelineParallel, 1, p.dataParallel), QuantPresets.get("bf16"),
                BackendProfiles.get(s.engine), s.tokenBudget, true));
        if (built.engine() == null) {
            throw new UserInputException(where + ": spec.pools " + p.name + ": " + s.model + " does not fit " + s.gpu
                    + " at tp" + p.tensorParallel + " pp" + p.pipelineParallel + " dp" + p.dataParallel + ": "
                    + built.reason());
        }
        return built.engine();
    }
}
