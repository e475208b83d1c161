package dev.plimsoll.gui.service;

import dev.plimsoll.optimizer.artifacts.ArtifactOptions;
import dev.plimsoll.optimizer.artifacts.ArtifactWriter;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanChoices;
import dev.plimsoll.optimizer.search.PlanProgress;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Planner;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plans from the view's inputs with the optimizer's {@link Planner}; no JavaFX types. */
public final class PlanService {
    private final GuiServices services;

    public PlanService(GuiServices services) {
        this.services = services;
    }

    /** The optimizer's question for these inputs, resolved as {@code plimsoll plan} resolves its options. */
    public PlanRequest request(PlanInputs in) {
        ModelSpec model = services.registry().model(in.model().trim());
        List<GpuSpec> gpus = new ArrayList<>();
        for (String id : in.gpus()) {
            gpus.add(services.registry().gpu(id.trim()));
        }
        List<QuantScheme> quants = PlanChoices.quants(model,
                PlanInputs.DEFAULT_QUANT.equals(in.quant()) ? List.of() : List.of(in.quant()));
        List<BackendProfile> engines = PlanChoices.backends(List.of(in.engine()));
        LoadTarget target = switch (in.loadKind()) {
            case RATE -> new LoadTarget.Rate(in.loadValue());
            case TOTAL_GPUS -> new LoadTarget.TotalGpus((int) Math.round(in.loadValue()));
            case CONCURRENCY -> new LoadTarget.Concurrency((int) Math.round(in.loadValue()));
        };
        SlaTarget sla = new SlaTarget(in.ttftMs(), in.tpotMs(), in.itlMs(), Double.POSITIVE_INFINITY, in.percentile());
        SearchSpace space = SearchSpace.defaults().withSimulate(in.simulate());
        return new PlanRequest(model, gpus, quants, engines, workload(in), target, sla,
                Mode.of(in.mode()), space,
                CalibratedCostModels.prepare(services.costModels(), model, gpus, engines),
                PlanRequestDefaults.MEMORY_FRACTION);
    }

    /** Fixed sizes, or the ISL/OSL distributions of a trace as {@code plimsoll plan --trace} reads them. */
    static WorkloadSpec workload(PlanInputs in) {
        return in.fromTrace() ? WorkloadSpec.fromTrace(java.nio.file.Path.of(in.trace()), in.prefixTokens())
                : WorkloadSpec.fixed(in.isl(), in.osl(), in.prefixTokens());
    }

    /**
     * Plans; {@code cancel} is asked at every unit of progress and stops the planner by throwing
     * {@link java.util.concurrent.CancellationException} through it. The planner reports from
     * several worker threads at once; the check and the report of one unit happen under one lock,
     * so no report follows a cancel that an earlier report (or anything before it) made visible:
     * unlocked, two workers could both pass the check before either reported.
     */
    public PlanResult plan(PlanInputs in, ProgressSink progress, Cancellation cancel) {
        PlanRequest request = request(in);
        cancel.check();
        Object lock = new Object();
        PlanProgress listener = (phase, done, total) -> {
            synchronized (lock) {
                cancel.check();
                progress.update(phaseLabel(phase) + " " + done + "/" + total, phaseFraction(phase, done, total));
            }
        };
        return new Planner().plan(request, listener);
    }

    /** Writes one deployment's Dynamo, Kubernetes and launch artifacts to {@code dir}. */
    public List<Path> export(PlanResult result, Proposal p, Path dir) {
        String name = p.architecture().key() + "-" + p.gpus() + "gpu";
        return ArtifactWriter.writeDeployment(p, dir, name.toLowerCase(Locale.ROOT),
                ArtifactOptions.of(result.request().model(), null, null));
    }

    private static String phaseLabel(String phase) {
        return switch (phase) {
            case "build" -> "building engines";
            case "analytic" -> "analytic search";
            case "simulate" -> "confirming by simulation";
            default -> phase;
        };
    }

    /** Progress over the whole plan: build a tenth, the analytic pass 30 %, simulations the rest. */
    static double phaseFraction(String phase, int done, int total) {
        double f = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        return switch (phase) {
            case "build" -> 0.1 * f;
            case "analytic" -> 0.1 + 0.3 * f;
            case "simulate" -> 0.4 + 0.6 * f;
            default -> -1;
        };
    }
}
