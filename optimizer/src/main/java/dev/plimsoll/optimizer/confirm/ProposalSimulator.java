package dev.plimsoll.optimizer.confirm;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.sim.BatchStats;
import dev.plimsoll.perfmodel.sim.BatchWindows;
import dev.plimsoll.perfmodel.sim.BatchedResult;
import dev.plimsoll.perfmodel.sim.Deployment;
import dev.plimsoll.perfmodel.sim.EnginePool;
import dev.plimsoll.perfmodel.sim.RouterKind;
import dev.plimsoll.perfmodel.sim.SimulationConfig;
import dev.plimsoll.perfmodel.sim.SimulationOptions;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.Simulation;
import dev.plimsoll.perfmodel.validate.BenchmarkClient;
import dev.plimsoll.perfmodel.workload.RequestPath;
import dev.plimsoll.perfmodel.workload.Workload;

import java.util.List;

/**
 * Runs a proposal through the serving simulator at its load. A deployment is simulated whole
 * unless more requests would be in flight than the search space allows; then it runs as a slice
 * of fewer workers at the same per-worker load (the prefill and decode pools cut in their ratio),
 * which is conservative for the pools cut exactly: fewer workers smooth bursts less. An open-loop
 * run is a warm-up of one request lifetime (left out: the fleet starts empty), then
 * {@link dev.plimsoll.optimizer.search.ConfirmationSettings#batchesPerRun()} measured batches of
 * send time, each at least a lifetime long and holding enough requests for its own percentile, then
 * one more lifetime of arrivals so the last measured requests still see the load (left out too).
 * Requests travel the request path {@code validate} counts inside TTFT ({@link BenchmarkClient#PATH}:
 * tokenisation of natural text and the HTTP hop) unless the search space turns it off. Each seed is one independent replication: its own arrivals, sizes, path
 * scatter and engine randomness.
 */
public final class ProposalSimulator {
    static final int MIN_REQUESTS = 300;
    /** Closed-loop rounds per client; the first and last round are left out of the statistics. */
    static final int CLOSED_ROUNDS = 4;
    static final long SEED = 1L;

    private final PlanRequest request;

    public ProposalSimulator(PlanRequest request) {
        this.request = request;
    }

    /** One replication with the first seed. */
    public SimulationOutcome simulate(Proposal p) {
        return simulate(p, SEED);
    }

    /** One replication: the run {@link #simulate(Proposal)} makes, with {@code seed} for every random choice. */
    public SimulationOutcome simulate(Proposal p, long seed) {
        return simulate(p, seed, request.space().confirmation().batchesPerRun());
    }

    /**
     * One run of {@code batches} measured batches (a confirming run has
     * {@link dev.plimsoll.optimizer.search.ConfirmationSettings#batchesPerRun()}); a run as long as
     * several confirming runs together re-checks what they concluded.
     */
    public SimulationOutcome simulate(Proposal p, long seed, int batches) {
        Run run = prepare(p, 0.0, seed, batches);
        BatchedResult r = Simulation.runBatched(run.config(), run.batches());
        return outcome(p, r.result(), r.batches(), run.factor(), run.requests(), run.slice(),
                request.workload().meanOutputTokens());
    }

    /**
     * The very run {@link #simulate} confirms a proposal with, with the state of each pool sampled
     * every {@code timeSeriesIntervalMs} (the desktop explorer's simulate view).
     */
    public SimulationResult run(Proposal p, double timeSeriesIntervalMs) {
        return Simulation.run(prepare(p, timeSeriesIntervalMs, SEED, request.space().confirmation().batchesPerRun())
                .config());
    }

    /** A prepared simulation: its configuration, the share of the deployment it runs, its size, its batches. */
    private record Run(SimulationConfig config, double factor, long requests, String slice, BatchWindows batches) {
    }

    /**
     * Measured requests a batch needs for its own estimate of the SLA percentile: five beyond it
     * (50 at p90, 500 at p99), and at least 20.
     */
    static int batchRequests(double quantile) {
        return Math.max(20, (int) Math.ceil(5 / (1 - quantile) - 1e-9));
    }

    private Run prepare(Proposal p, double timeSeriesIntervalMs, long seed, int batches) {
        double osl = request.workload().meanOutputTokens();
        double lifetimeMs = p.analytic().ttftMeanMs() + Math.max(0, osl - 1) * p.analytic().itlMeanMs();
        double inFlight = p.load().closedLoop() ? p.load().concurrency()
                : p.load().requestsPerS() * lifetimeMs / 1000.0;
        double cut = Math.min(1.0, request.space().maxSimulatedInFlight() / Math.max(1.0, inFlight));
        PoolPlan first = p.pools().get(0);
        double factor;
        Deployment deployment;
        String slice;
        // the router the proposal is confirmed behind (Dynamo's frontend default round robin unless the
        // search chose its KV router); with --router-mode kv Dynamo routes both disaggregated pools by KV
        RouterKind front = p.routing().kind();
        double weight = p.routing().kvOverlapWeight();
        if (p.architecture() == Architecture.AGGREGATED) {
            int n = first.workers();
            int ns = cut >= 1 ? n : Math.min(n, Math.max(2, (int) Math.round(n * cut)));
            factor = (double) ns / n;
            deployment = new Deployment.Aggregated(pool(first, ns), front, weight);
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
            deployment = new Deployment.Disaggregated(pool(prefill, x), pool(decode, y), p.link(), front, front,
                    weight);
            slice = x == prefill.workers() && y == decode.workers() ? x + "P" + y + "D"
                    : x + "P" + y + "D slice of " + prefill.workers() + "P" + decode.workers() + "D";
        }
        Workload workload;
        long requests;
        double spanMs;
        double[] window = {0.0, Double.POSITIVE_INFINITY};
        int perBatch = batchRequests(request.sla().quantile());
        BatchWindows windows;
        if (p.load().closedLoop()) {
            int clients = Math.max(1, (int) Math.round(p.load().concurrency() * factor));
            factor = (double) clients / p.load().concurrency();
            // a warm-up round, the measured rounds (enough for every batch), a cool-down round
            int measuredRounds = Math.max(Math.max(CLOSED_ROUNDS - 2, batches),
                    (int) Math.ceil((double) Math.max(MIN_REQUESTS, batches * perBatch) / clients));
            requests = (long) clients * (measuredRounds + 2);
            workload = new Workload.ClosedLoop(clients, request.workload().shapes(), requests, clients, clients, 0.0,
                    seed, path());
            double rate = Math.max(1e-9, p.load().requestsPerS() * factor);
            spanMs = requests / rate * 1000.0;
            // batches by send time, from the expected pace of the clients
            double roundMs = clients / rate * 1000.0;
            windows = new BatchWindows(roundMs, measuredRounds * roundMs / batches, batches, bounds());
        } else {
            double rate = p.load().requestsPerS() * factor;
            double batchMs = Math.max(lifetimeMs, perBatch / rate * 1000.0);
            spanMs = (2 * lifetimeMs + batches * batchMs);
            requests = Math.max(MIN_REQUESTS, (long) Math.ceil(rate * spanMs / 1000.0));
            spanMs = Math.max(spanMs, requests / rate * 1000.0);
            workload = Workload.poisson(rate, request.workload().shapes(), requests, seed).withPath(path());
            window = new double[] {lifetimeMs, lifetimeMs + batches * batchMs};
            windows = new BatchWindows(lifetimeMs, batchMs, batches, bounds());
        }
        // an overloaded deployment's queue grows without bound; stop it well past the arrivals
        SimulationOptions options = new SimulationOptions(seed, timeSeriesIntervalMs, 10 * spanMs + 600_000.0, false)
                .withMeasurementWindow(window[0], window[1]);
        return new Run(new SimulationConfig(deployment, workload, request.sla().toSlaSpec(), options), factor,
                requests, slice, windows);
    }

    /** The SLA's bounds, whose exceedances every batch counts. */
    private BatchWindows.Bounds bounds() {
        SlaTarget sla = request.sla();
        return new BatchWindows.Bounds(sla.ttftMs(), sla.itlMs(), Double.POSITIVE_INFINITY, sla.e2eMs());
    }

    private RequestPath path() {
        return request.space().confirmation().requestPath() ? BenchmarkClient.PATH : RequestPath.NONE;
    }

    private static EnginePool pool(PoolPlan plan, int workers) {
        return new EnginePool(plan.engineConfig(), plan.engine().replica().stepTimes(), workers);
    }

    private SimulationOutcome outcome(Proposal p, SimulationResult r, List<BatchStats> batches, double factor,
                                      long requests, String slice, double osl) {
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
        return new SimulationOutcome(f, ttft <= sla.ttftMs(), tokensMet, e2e <= sla.e2eMs(), complete, requests, slice,
                batches);
    }
}
