package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.List;
import java.util.Objects;

/**
 * One {@code plimsoll plan} question.
 *
 * @param model          the model
 * @param gpus           candidate GPU types, each with the price to plan with
 * @param quants         stored quantisations the search may choose from
 * @param backends       serving engines the search may choose from
 * @param workload       request sizes
 * @param target         the load to carry
 * @param sla            latency targets
 * @param mode           aggregated, disaggregated or both
 * @param space          the knobs enumerated
 * @param costModels     kernel cost model per GPU and engine
 * @param memoryFraction share of GPU memory an engine may use
 * @param speculative    speculative decoding every engine runs, or {@link SpeculativeDecoding#NONE}
 */
public record PlanRequest(ModelSpec model, List<GpuSpec> gpus, List<QuantScheme> quants,
                          List<BackendProfile> backends, WorkloadSpec workload, LoadTarget target, SlaTarget sla,
                          Mode mode, SearchSpace space, CostModelProvider costModels, double memoryFraction,
                          SpeculativeDecoding speculative) {
    /** A question without speculative decoding. */
    public PlanRequest(ModelSpec model, List<GpuSpec> gpus, List<QuantScheme> quants, List<BackendProfile> backends,
                       WorkloadSpec workload, LoadTarget target, SlaTarget sla, Mode mode, SearchSpace space,
                       CostModelProvider costModels, double memoryFraction) {
        this(model, gpus, quants, backends, workload, target, sla, mode, space, costModels, memoryFraction,
                SpeculativeDecoding.NONE);
    }

    public PlanRequest {
        Objects.requireNonNull(speculative, "speculative");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(costModels, "costModels");
        gpus = List.copyOf(gpus);
        quants = List.copyOf(quants);
        backends = List.copyOf(backends);
        if (gpus.isEmpty() || quants.isEmpty() || backends.isEmpty()) {
            throw new UserInputException("a plan needs at least one GPU type, quantisation and engine");
        }
        if (!(memoryFraction > 0 && memoryFraction <= 1)) {
            throw new UserInputException("memory fraction must be in (0, 1], got " + memoryFraction);
        }
        if (model.maxContextTokens() > 0 && workload.maxContextTokens() > model.maxContextTokens()) {
            throw new UserInputException("requests of up to " + workload.maxContextTokens() + " tokens exceed the "
                    + model.maxContextTokens() + "-token context of " + model.id());
        }
    }

    public PlanRequest withSpace(SearchSpace newSpace) {
        return new PlanRequest(model, gpus, quants, backends, workload, target, sla, mode, newSpace, costModels,
                memoryFraction, speculative);
    }

    public PlanRequest withTarget(LoadTarget newTarget) {
        return new PlanRequest(model, gpus, quants, backends, workload, newTarget, sla, mode, space, costModels,
                memoryFraction, speculative);
    }

    public PlanRequest withSla(SlaTarget newSla) {
        return new PlanRequest(model, gpus, quants, backends, workload, target, newSla, mode, space, costModels,
                memoryFraction, speculative);
    }

    public PlanRequest withSpeculative(SpeculativeDecoding spec) {
        return new PlanRequest(model, gpus, quants, backends, workload, target, sla, mode, space, costModels,
                memoryFraction, spec);
    }

    public PlanRequest withMode(Mode newMode) {
        return new PlanRequest(model, gpus, quants, backends, workload, target, sla, newMode, space, costModels,
                memoryFraction, speculative);
    }
}
