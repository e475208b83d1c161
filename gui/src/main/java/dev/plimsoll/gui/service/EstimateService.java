package dev.plimsoll.gui.service;

import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.estimate.Estimator;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.Locale;

/** Step breakdowns with perfmodel's {@link Estimator}, as {@code plimsoll estimate} computes them. */
public final class EstimateService {
    private final GuiServices services;

    public EstimateService(GuiServices services) {
        this.services = services;
    }

    /**
     * One pool of a planned deployment at its operating point: the aggregated or decode pool at the
     * mean batch the plan sized it for, a prefill pool with one request per step.
     */
    public StepBreakdown pool(PlanRequest plan, Proposal p, PoolPlan pool) {
        EngineCandidate c = pool.engine().candidate();
        boolean prefill = PoolPlan.PREFILL.equals(pool.role());
        int batch = prefill || p.point() == null ? 1 : Math.max(1, (int) Math.round(p.point().meanBatch()));
        EstimateRequest r = new EstimateRequest(plan.model(), c.gpu(), c.parallelism(), c.quant(), c.backend(), true,
                batch, (int) Math.round(plan.workload().meanInputTokens()),
                (int) Math.round(plan.workload().meanOutputTokens()), plan.memoryFraction());
        String title = String.format(Locale.ROOT, "%s pool: %s %s %s, %s, batch %d per rank, ISL %d, OSL %d",
                pool.role(), plan.model().id(), c.gpu().id(), c.parallelism(), c.backend().id(), batch, r.isl(), r.osl());
        return new StepBreakdown(title, r, new Estimator(services.costModels()).estimate(r));
    }

    /** One replica of {@code model} on {@code gpu} with a layout, for the compare view. */
    public StepBreakdown replica(String model, String quant, String engine, String gpu, int tp, int pp, int batch,
                                 int isl, int osl) {
        ModelSpec m = services.registry().model(model.trim());
        GpuSpec g = services.registry().gpu(gpu.trim());
        QuantScheme q = PlanInputs.DEFAULT_QUANT.equals(quant) ? m.defaultQuant()
                : dev.plimsoll.optimizer.search.PlanChoices.quants(m, java.util.List.of(quant)).get(0);
        if (tp < 1 || pp < 1 || batch < 1) {
            throw new dev.plimsoll.perfmodel.error.UserInputException(
                    "TP, PP and batch must be >= 1, got TP " + tp + ", PP " + pp + ", batch " + batch);
        }
        EstimateRequest r = new EstimateRequest(m, g, new Parallelism(tp, pp, 1, 1), q, BackendProfiles.get(engine),
                true, batch, isl, osl, EstimateRequest.DEFAULT_MEMORY_FRACTION);
        String title = String.format(Locale.ROOT, "%s tp%d%s", g.id(), tp, pp > 1 ? " pp" + pp : "");
        return new StepBreakdown(title, r, new Estimator(services.costModels()).estimate(r));
    }
}
