package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import dev.plimsoll.autoscaler.crd.ServingAutoscalerSpec;
import dev.plimsoll.autoscaler.policy.AnalyticCapacity;
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
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.util.List;
import java.util.function.Function;

/**
 * The Plimsoll policy for a resource: Plimsoll's analytic model of the resource's model, GPU and
 * layout (roofline costs, as {@code plimsoll plan} without calibration), its SLA, bounds and
 * intervals. Aggregated pools only for now: disaggregated ones need the KV transfer link, which the
 * resource does not describe yet.
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
        String where = r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
        if (s.pools.size() != 1 || !s.pools.get(0).name.equals("aggregated")) {
            throw new UserInputException(where + ": spec.pools: only one aggregated pool is supported by the live "
                    + "controller yet (prefill/decode pools need the KV transfer link)");
        }
        ServingAutoscalerSpec.Pool p = s.pools.get(0);
        EngineBuilder b = new EngineBuilder(registry.model(s.model), CostModelProvider.roofline(),
                GPU_MEMORY_UTILISATION);
        EngineBuilder.Result built = b.build(new EngineCandidate(registry.gpu(s.gpu),
                new Parallelism(p.tensorParallel, p.pipelineParallel, 1, p.dataParallel), QuantPresets.get("bf16"),
                BackendProfiles.get(s.engine), s.tokenBudget, true));
        BuiltEngine engine = built.engine();
        if (engine == null) {
            throw new UserInputException(where + ": " + s.model + " does not fit " + s.gpu + " at tp"
                    + p.tensorParallel + " pp" + p.pipelineParallel + ": " + built.reason());
        }
        SlaTarget sla = new SlaTarget(s.sla.ttftMs, s.sla.itlMs, Double.POSITIVE_INFINITY, s.sla.percentile);
        AnalyticCapacity model = AnalyticCapacity.aggregated(engine, s.maxRunningPerRank,
                WorkloadSpec.fixed(s.referenceInputTokens, s.referenceOutputTokens, 0), sla);
        Limits limits = new Limits(List.of(new PoolBounds(p.minReplicas, p.maxReplicas, engine.gpus(), p.gangSize)),
                s.gpuBudget == null ? Integer.MAX_VALUE : s.gpuBudget);
        return new PlimsollPolicy(model, limits, sla, PlimsollSettings.defaults(s.intervalSeconds * 1000.0,
                s.startupSeconds * 1000.0));
    }
}
