package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.analytic.OperatingPoint;
import dev.plimsoll.perfmodel.sim.KvTransferLink;

import java.util.List;

/**
 * A deployment sized for the target load, with its analytic figures and, once confirmed, its
 * simulated ones.
 *
 * @param architecture aggregated or disaggregated
 * @param pools        the aggregated pool, or the prefill and decode pools
 * @param link         KV transfer path between prefill and decode workers (null when aggregated)
 * @param load         the load it is sized for
 * @param analytic     figures of the analytic model
 * @param simulated    figures of the simulator, null until simulated
 * @param point        the operating point of the aggregated or decode pool
 * @param diagnosis    bottleneck and limit, null until diagnosed
 * @param note         how the simulation was run (slice, repairs), empty when not simulated
 * @param confidence   intervals of the simulated percentiles over the confirming replications,
 *                     null until confirmed
 * @param routing      the router in front of the deployment, the one it was confirmed behind
 */
public record Proposal(Architecture architecture, List<PoolPlan> pools, KvTransferLink link, OfferedLoad load,
                       Figures analytic, Figures simulated, OperatingPoint point, Diagnosis diagnosis, String note,
                       Confidence confidence, Routing routing) {
    public Proposal {
        pools = List.copyOf(pools);
        java.util.Objects.requireNonNull(routing, "routing");
    }

    /** Behind round robin. */
    public Proposal(Architecture architecture, List<PoolPlan> pools, KvTransferLink link, OfferedLoad load,
                    Figures analytic, Figures simulated, OperatingPoint point, Diagnosis diagnosis, String note,
                    Confidence confidence) {
        this(architecture, pools, link, load, analytic, simulated, point, diagnosis, note, confidence,
                Routing.ROUND_ROBIN);
    }

    /** A proposal without confidence intervals (analytic, or simulated once). */
    public Proposal(Architecture architecture, List<PoolPlan> pools, KvTransferLink link, OfferedLoad load,
                    Figures analytic, Figures simulated, OperatingPoint point, Diagnosis diagnosis, String note) {
        this(architecture, pools, link, load, analytic, simulated, point, diagnosis, note, null);
    }

    public int gpus() {
        int n = 0;
        for (PoolPlan p : pools) {
            n += p.gpus();
        }
        return n;
    }

    public double costPerHour() {
        double c = 0;
        for (PoolPlan p : pools) {
            c += p.costPerHour();
        }
        return c;
    }

    /** The confirmed figures when simulated, else the analytic ones. */
    public Figures figures() {
        return simulated != null ? simulated : analytic;
    }

    /** USD per million output tokens at the served rate. */
    public double costPerMillionTokens() {
        double perS = figures().outputTokensPerS();
        return perS > 0 ? costPerHour() / (perS * 3600.0 / 1e6) : Double.POSITIVE_INFINITY;
    }

    public PoolPlan pool(String role) {
        for (PoolPlan p : pools) {
            if (p.role().equals(role)) {
                return p;
            }
        }
        return null;
    }

    /** Replicas: aggregated workers, or prefill plus decode workers. */
    public int replicas() {
        int n = 0;
        for (PoolPlan p : pools) {
            n += p.workers();
        }
        return n;
    }

    public boolean confirmed() {
        return simulated != null;
    }

    public Proposal withSimulated(Figures figures, String newNote) {
        return new Proposal(architecture, pools, link, load, analytic, figures, point, diagnosis, newNote, null,
                routing);
    }

    /** Confirmed: the replications' mean figures, their intervals and how they were run. */
    public Proposal withSimulated(Figures figures, Confidence newConfidence, String newNote) {
        return new Proposal(architecture, pools, link, load, analytic, figures, point, diagnosis, newNote,
                newConfidence, routing);
    }

    public Proposal withDiagnosis(Diagnosis d) {
        return new Proposal(architecture, pools, link, load, analytic, simulated, point, d, note, confidence,
                routing);
    }

    public Proposal withPools(List<PoolPlan> newPools, OfferedLoad newLoad) {
        return new Proposal(architecture, newPools, link, newLoad, analytic, simulated, point, diagnosis, note,
                confidence, routing);
    }

    /** The same deployment behind another router, not yet simulated. */
    public Proposal withRouting(Routing newRouting) {
        return new Proposal(architecture, pools, link, load, analytic, null, point, diagnosis, note, null,
                newRouting);
    }

    /** Identity of the layout, independent of counts and load. */
    public String layoutKey() {
        StringBuilder sb = new StringBuilder(architecture.key());
        for (PoolPlan p : pools) {
            sb.append('|').append(p.role()).append(':').append(p.engine().candidate().label());
        }
        return sb.toString();
    }

    /**
     * Identity of the deployment as an operator reads it (mode, roles, worker counts, GPU, layout,
     * quantisation, engine), leaving out the knobs that only tune it (token budget, chunking, KV
     * dtype): proposals with one such key are variants of one row.
     */
    public String deploymentKey() {
        StringBuilder sb = new StringBuilder(architecture.key());
        for (PoolPlan p : pools) {
            EngineCandidate c = p.engine().candidate();
            sb.append('|').append(p.role()).append(':').append(p.workers()).append(' ').append(c.gpu().id())
                    .append(' ').append(c.parallelism()).append(' ').append(c.quant().name()).append(' ')
                    .append(c.backend().id());
        }
        return sb.toString();
    }

    /** The tuning knobs {@link #deploymentKey()} leaves out, per pool: "budget 8192, kv fp8". */
    public String variantLabel() {
        StringBuilder sb = new StringBuilder();
        for (PoolPlan p : pools) {
            EngineCandidate c = p.engine().candidate();
            if (sb.length() > 0) {
                sb.append(" / ");
            }
            if (pools.size() > 1) {
                sb.append(p.role()).append(' ');
            }
            sb.append("budget ").append(c.tokenBudget()).append(c.chunkedPrefill() ? "" : " unchunked")
                    .append(", kv ").append(c.quant().kvCache().key());
        }
        return sb.toString();
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (PoolPlan p : pools) {
            if (sb.length() > 0) {
                sb.append(" + ");
            }
            EngineCandidate c = p.engine().candidate();
            sb.append(p.workers()).append(" x ").append(p.role().equals(PoolPlan.AGGREGATED) ? "" : p.role() + " ")
                    .append(c.gpu().id()).append(' ').append(c.parallelism());
        }
        return sb.toString();
    }
}
