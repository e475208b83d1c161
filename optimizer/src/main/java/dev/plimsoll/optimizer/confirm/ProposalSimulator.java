package dev.plimsoll.optimizer.confirm;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.sim.Deployment;
import dev.plimsoll.perfmodel.sim.EnginePool;
import dev.plimsoll.perfmodel.sim.RouterKind;
import dev.plimsoll.perfmodel.sim.SimulationConfig;
import dev.plimsoll.perfmodel.sim.SimulationOptions;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.Simulation;
import dev.plimsoll.perfmodel.workload.Workload;

/**
 * Runs a proposal through the serving simulator at its load. A deployment is simulated whole
 * unless more requests would be in flight than the search space allows; then it runs as a slice
 * of fewer workers at the same per-worker load (the prefill and decode pools cut in their ratio),
 * which is conservative for the pools cut exactly: fewer workers smooth bursts less. Open-loop
 * runs last {@value #REQUESTS_PER_IN_FLIGHT} request lifetimes of arrivals, and only requests
 * arriving after the first lifetime and before the last are measured, so the warm-up from an empty
 * fleet and the drain at the end are left out.
 */
public final class ProposalSimulator {
    static final int REQUESTS_PER_IN_FLIGHT = 3;
    static final int MIN_REQUESTS = 300;
    /** Closed-loop rounds per client; the first and last round are left out of the statistics. */
    static final int CLOSED_ROUNDS = 4;
    static final long SEED = 1L;

    private final PlanRequest request;

    public ProposalSimulator(PlanRequest request) {
        this.request = request;
    }

    public SimulationOutcome simulate(Proposal p) {
        Run run = prepare(p, 0.0);
        return outcome(p, Simulation.run(run.config()), run.factor(), run.requests(), run.slice(),
                request.workload().meanOutputTokens());
    }

    /**
     * The very run {@link #simulate} confirms a proposal with, with the state of each pool sampled
     * every {@code timeSeriesIntervalMs} (the desktop explorer's simulate view).
     */
    public SimulationResult run(Proposal p, double timeSeriesIntervalMs) {
        return Simulation.run(prepare(p, timeSeriesIntervalMs).config());
    }

    /** A prepared simulation: its configuration, the share of the deployment it runs, its size. */
    private record Run(SimulationConfig config, double factor, long requests, String slice) {
    }

    private Run prepare(Proposal p, double timeSeriesIntervalMs) {
        double osl = request.workload().meanOutputTokens();
        double lifetimeMs = p.analytic().ttftMeanMs() + Math.max(0, osl - 1) * p.analytic().itlMeanMs();
        double inFlight = p.load().closedLoop() ? p.load().concurrency()
                : p.load().requestsPerS() * lifetimeMs / 1000.0;
        double cut = Math.min(1.0, request.space().maxSimulatedInFlight() / Math.max(1.0, inFlight));
        PoolPlan first = p.pools().get(0);
        double factor;
        Deployment deployment;
        String slice;
        // Dynamo's default router (frontend --router-mode round_robin); the deployment artifacts use it too
        RouterKind front = RouterKind.ROUND_ROBIN;
        if (p.architecture() == Architecture.AGGREGATED) {
            int n = first.workers();
            int ns = cut >= 1 ? n : Math.min(n, Math.max(2, (int) Math.round(n * cut)));
            factor = (double) ns / n;
            deployment = new Deployment.Aggregated(pool(first, ns), front);
            slice = ns == n ? n + " replicas" : ns + " of " + n + " replicas";
        } else {
            PoolPlan prefill = p.pool(PoolPlan.PREFILL);
            PoolPlan decode = p.pool(PoolPlan.DECODE);
            int x = prefill.workers();
            int y = decode.workers();
            if (cut < 1) {
                y = Math.max(1, (int) Math.round(decode.workers() * cut));
                x = Math.max(1, Math.min(prefill.workers(),
                        (int) Math.round((double) prefill.workers() * y / decode.workers())));
            }
            factor = Math.min((double) x / prefill.workers(), (double) y / decode.workers());
            deployment = new Deployment.Disaggregated(pool(prefill, x), pool(decode, y), p.link(), front,
                    RouterKind.ROUND_ROBIN);
            slice = x == prefill.workers() && y == decode.workers() ? x + "P" + y + "D"
                    : x + "P" + y + "D slice of " + prefill.workers() + "P" + decode.workers() + "D";
        }
        Workload workload;
        long requests;
        double spanMs;
        double[] window = {0.0, Double.POSITIVE_INFINITY};
        if (p.load().closedLoop()) {
            int clients = Math.max(1, (int) Math.round(p.load().concurrency() * factor));
            factor = (double) clients / p.load().concurrency();
            int rounds = Math.max(CLOSED_ROUNDS, (int) Math.ceil((double) MIN_REQUESTS / clients));
            requests = (long) clients * rounds;
            workload = new Workload.ClosedLoop(clients, request.workload().shapes(), requests, clients, clients, 0.0,
                    SEED);
            spanMs = requests / Math.max(1e-9, p.load().requestsPerS() * factor) * 1000.0;
        } else {
            double rate = p.load().requestsPerS() * factor;
            requests = Math.max(MIN_REQUESTS, (long) Math.ceil(REQUESTS_PER_IN_FLIGHT * inFlight * factor));
            workload = Workload.poisson(rate, request.workload().shapes(), requests, SEED);
            spanMs = requests / rate * 1000.0;
            // measure the middle: after one lifetime, before the last, at least a third of the arrivals
            double warmMs = Math.min(lifetimeMs, spanMs / 3);
            window = new double[] {warmMs, spanMs - warmMs};
        }
        // an overloaded deployment's queue grows without bound; stop it well past the arrivals
        SimulationOptions options = new SimulationOptions(SEED, timeSeriesIntervalMs, 10 * spanMs + 600_000.0, false)
                .withMeasurementWindow(window[0], window[1]);
        return new Run(new SimulationConfig(deployment, workload, request.sla().toSlaSpec(), options), factor,
                requests, slice);
    }

    private static EnginePool pool(PoolPlan plan, int workers) {
        return new EnginePool(plan.engineConfig(), plan.engine().replica().stepTimes(), workers);
    }

    private SimulationOutcome outcome(Proposal p, SimulationResult r, double factor, long requests, String slice,
                                      double osl) {
        SlaTarget sla = request.sla();
        double ttft = sla.pick(r.ttft());
        double itl = sla.pick(r.itl());
        double tpotQ = sla.pick(r.tpot());
        double e2e = sla.pick(r.e2e());
        boolean complete = r.rejectedRequests() == 0 && r.unfinishedRequests() == 0 && r.measuredRequests() > 0;
        double requestsPerS;
        double tokensPerS;
        if (p.load().closedLoop()) {
            requestsPerS = r.requestsPerS() / factor;
            tokensPerS = r.outputTokensPerS() / factor;
        } else {
            // every arrival was served: the deployment carries the offered rate
            requestsPerS = p.load().requestsPerS();
            tokensPerS = requestsPerS * osl;
        }
        double tpot = r.tpot().meanMs();
        Figures f = new Figures(ttft, tpotQ, itl, e2e, r.ttft().meanMs(), r.itl().meanMs(), requestsPerS, tokensPerS,
                tokensPerS / p.gpus(), Double.isNaN(tpot) ? 0.0 : 1000.0 / tpot);
        // the per-token bounds: each token's gap (ITL) and each request's mean gap (TPOT)
        boolean tokensMet = (Double.isNaN(itl) || itl <= sla.itlMs()) && (Double.isNaN(tpotQ) || tpotQ <= sla.tpotMs());
        return new SimulationOutcome(f, ttft <= sla.ttftMs(), tokensMet, e2e <= sla.e2eMs(), complete, requests,
                slice);
    }
}
