package dev.plimsoll.gui.replay;

import dev.plimsoll.autoscaler.replay.ReplayResult;
import dev.plimsoll.autoscaler.replay.ReplayRunner;
import dev.plimsoll.autoscaler.replay.ReplaySpec;
import dev.plimsoll.autoscaler.replay.TraceLoad;
import dev.plimsoll.gui.service.Cancellation;
import dev.plimsoll.gui.service.GuiServices;
import dev.plimsoll.gui.service.ProgressSink;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanChoices;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.workload.TraceFormat;
import dev.plimsoll.perfmodel.workload.TraceTransform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays a trace under the chosen scaling policies with the autoscaler's {@link ReplayRunner}, as
 * {@code plimsoll autoscale replay} does; no JavaFX types.
 */
public final class ReplayService {
    /** The engine the replay plans for: the CLI's {@code --backend} default. */
    static final String ENGINE = "vllm";
    /** Trace file the view opens with, beside the checkout (the shared data of the project). */
    static final String DEFAULT_TRACE = "../shared/data/traces/azure_llm_2023_conv.csv";

    private final GuiServices services;

    public ReplayService(GuiServices services) {
        this.services = services;
    }

    /**
     * The Azure conversation trace beside the checkout ({@value #DEFAULT_TRACE} from
     * {@code plimsoll.root} or the working directory), if present.
     */
    public static Optional<Path> defaultTrace() {
        for (String base : new String[] {System.getProperty("plimsoll.root", "."), "."}) {
            Path f = Path.of(base).toAbsolutePath().normalize().resolve(DEFAULT_TRACE).normalize();
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The replay question for these inputs, resolved as the CLI resolves its options. */
    public ReplaySpec spec(ReplayInputs in) {
        ModelSpec model = services.registry().model(in.model().trim());
        List<GpuSpec> gpus = List.of(services.registry().gpu(in.gpu().trim()));
        List<BackendProfile> engines = PlanChoices.backends(List.of(ENGINE));
        SlaTarget sla = new SlaTarget(in.ttftMs(), in.itlMs(), Double.POSITIVE_INFINITY, in.percentile());
        SearchSpace space = SearchSpace.defaults().withSimulate(false).withTopN(0);
        WorkloadSpec w = WorkloadSpec.fromTrace(tracePath(in), 0);
        PlanRequest plan = new PlanRequest(model, gpus, List.of(model.defaultQuant()), engines, w,
                new LoadTarget.Rate(1.0), sla, Mode.of(in.mode()), space,
                CalibratedCostModels.prepare(services.costModels(), model, gpus, engines),
                EstimateRequest.DEFAULT_MEMORY_FRACTION);
        return new ReplaySpec(plan, in.startupS() * 1000, in.intervalS() * 1000, ReplaySpec.DEFAULT_PEAK_WINDOW_MS,
                Integer.MAX_VALUE, "holt", ReplaySpec.DEFAULT_WAITING_TARGET, ReplaySpec.DEFAULT_WAITING_TARGET,
                ReplaySpec.DEFAULT_KV_USAGE_TARGET);
    }

    private static Path tracePath(ReplayInputs in) {
        Path p = Path.of(in.trace().trim());
        if (!Files.isRegularFile(p)) {
            throw new UserInputException("trace " + p + ": no such file");
        }
        return p;
    }

    /** The trace after the rate scale and the window. */
    static TraceLoad read(ReplayInputs in) {
        Path p = tracePath(in);
        TraceTransform t = TraceTransform.rate(in.rateScale());
        if (in.durationS() > 0) {
            t = t.window(0, in.durationS() * 1000);
        }
        return TraceLoad.read(p, TraceFormat.detect(p), t);
    }

    /**
     * Reads the trace, plans its peak and replays it under each policy in turn. {@code cancel} is asked
     * between policies: the harness has no cancellation point inside one replay.
     */
    public ReplayOutcome replay(ReplayInputs in, ProgressSink progress, Cancellation cancel) {
        progress.update("reading " + in.trace(), 0);
        ReplaySpec spec = spec(in);
        TraceLoad trace = read(in);
        cancel.check();
        progress.update("planning for the trace's peak", 0.02);
        ReplayRunner runner = new ReplayRunner(spec, trace);
        List<ReplayResult> results = new ArrayList<>();
        int n = in.policies().size();
        for (int i = 0; i < n; i++) {
            cancel.check();
            String policy = in.policies().get(i);
            progress.update("replaying " + trace.size() + " requests under " + policy + " (" + (i + 1) + "/" + n
                    + ")", 0.05 + 0.95 * i / n);
            results.add(runner.run(policy));
        }
        progress.update("replayed", 1);
        return new ReplayOutcome(trace.description(), trace.size(), runner.proposal().describe(),
                runner.peak().requestsPerS(), spec.plan().sla().describe(), in.percentile(), results);
    }
}
