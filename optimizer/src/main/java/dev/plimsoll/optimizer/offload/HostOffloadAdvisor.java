package dev.plimsoll.optimizer.offload;

import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.sim.Deployment;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.EnginePool;
import dev.plimsoll.perfmodel.sim.RouterKind;
import dev.plimsoll.perfmodel.sim.Simulation;
import dev.plimsoll.perfmodel.sim.SimulationConfig;
import dev.plimsoll.perfmodel.sim.SimulationOptions;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.StepTimeModelFactory;
import dev.plimsoll.perfmodel.sim.kvtier.KvTiers;
import dev.plimsoll.perfmodel.workload.Workload;

import java.util.Locale;
import java.util.Objects;

/**
 * Finds, by simulation, the fewest aggregated workers that meet the SLA on a workload with the
 * KV cache in GPU memory only and with a host tier, and prices the difference: the GPUs saved
 * against the host memory the tier takes on every worker. Both fleets run behind the KV-aware
 * router (the router that sees every tier), with the same seed.
 */
public final class HostOffloadAdvisor {
    /**
     * Host memory price when the user gives none: $0.004237 per GB-hour, Google Cloud's on-demand
     * price of memory in N2 custom machine types (us-central1, compute pricing page); an input to
     * override with the price of your own servers' DRAM.
     */
    public static final double DEFAULT_USD_PER_GB_HOUR = 0.004237;

    /**
     * A pool of identical workers to size.
     *
     * @param engine            one worker's engine, KV in GPU memory only
     * @param stepTimes         its step times
     * @param gpusPerWorker     GPUs of one worker
     * @param usdPerWorkerHour  GPU cost of one worker
     */
    public record Pool(EngineConfig engine, StepTimeModelFactory stepTimes, int gpusPerWorker, double usdPerWorkerHour) {
        public Pool {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(stepTimes, "stepTimes");
        }
    }

    /**
     * The answer.
     *
     * @param gpuOnlyWorkers      fewest workers meeting the SLA without the tier (-1: none up to the limit)
     * @param tieredWorkers       the same with the tier
     * @param gpuOnly             the run at {@code gpuOnlyWorkers} (or at the limit)
     * @param tiered              the run at {@code tieredWorkers} (or at the limit)
     * @param gpusSaved           GPUs the tier saves (negative if it costs some; 0 when either is unmet)
     * @param gpuOnlyUsdPerHour   cost of the GPU-only fleet
     * @param tieredUsdPerHour    cost of the tiered fleet, host memory included
     * @param hostUsdPerHour      the host memory's share of it
     * @param pays                the tiered fleet meets the SLA and costs less
     */
    public record Verdict(int gpuOnlyWorkers, int tieredWorkers, SimulationResult gpuOnly, SimulationResult tiered,
                          int gpusSaved, double gpuOnlyUsdPerHour, double tieredUsdPerHour, double hostUsdPerHour,
                          boolean pays) {
        public String explain() {
            if (tieredWorkers < 0) {
                return "the SLA is not met with the host tier either, up to the worker limit";
            }
            if (gpuOnlyWorkers < 0) {
                return String.format(Locale.ROOT, "only the host tier meets the SLA: %d workers at %.2f USD/h",
                        tieredWorkers, tieredUsdPerHour);
            }
            return String.format(Locale.ROOT,
                    "%s: %d workers with the host tier against %d without (%d GPUs %s), %.2f USD/h against %.2f"
                            + " (host memory %.2f USD/h)",
                    pays ? "pays" : "does not pay", tieredWorkers, gpuOnlyWorkers, Math.abs(gpusSaved),
                    gpusSaved >= 0 ? "saved" : "more", tieredUsdPerHour, gpuOnlyUsdPerHour, hostUsdPerHour);
        }
    }

    private final Pool pool;
    private final Workload workload;
    private final SlaTarget sla;
    private final int maxWorkers;

    /**
     * @param maxWorkers the largest fleet tried
     */
    public HostOffloadAdvisor(Pool pool, Workload workload, SlaTarget sla, int maxWorkers) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.workload = Objects.requireNonNull(workload, "workload");
        this.sla = Objects.requireNonNull(sla, "sla");
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("need >= 1 worker to try, got " + maxWorkers);
        }
        this.maxWorkers = maxWorkers;
    }

    /**
     * @param tiers        the host tier (and any below it) of one worker
     * @param usdPerGbHour price of host memory
     * @param startWorkers where the search starts (the plan's answer)
     */
    public Verdict advise(KvTiers tiers, double usdPerGbHour, int startWorkers) {
        if (!tiers.enabled()) {
            throw new IllegalArgumentException("no KV tier to advise on");
        }
        Sized plain = fewest(pool.engine(), startWorkers);
        Sized tiered = fewest(pool.engine().withKvTiers(tiers), Math.max(1, Math.min(startWorkers,
                plain.workers > 0 ? plain.workers : maxWorkers)));
        double hostGb = tiers.get(0).capacityBytes() / 1e9;
        int nPlain = plain.workers;
        int nTiered = tiered.workers;
        double plainUsd = nPlain > 0 ? nPlain * pool.usdPerWorkerHour() : Double.NaN;
        double hostUsd = nTiered > 0 ? nTiered * hostGb * usdPerGbHour : Double.NaN;
        double tieredUsd = nTiered > 0 ? nTiered * pool.usdPerWorkerHour() + hostUsd : Double.NaN;
        int saved = nPlain > 0 && nTiered > 0 ? (nPlain - nTiered) * pool.gpusPerWorker() : 0;
        boolean pays = nTiered > 0 && (nPlain < 0 || tieredUsd < plainUsd);
        return new Verdict(nPlain, nTiered, plain.run, tiered.run, saved, plainUsd, tieredUsd, hostUsd, pays);
    }

    private record Sized(int workers, SimulationResult run) {
    }

    /** The fewest workers meeting the SLA, searched from {@code start}: down while met, else up. */
    private Sized fewest(EngineConfig engine, int start) {
        int n = Math.max(1, Math.min(start, maxWorkers));
        SimulationResult r = run(engine, n);
        if (met(r)) {
            while (n > 1) {
                SimulationResult smaller = run(engine, n - 1);
                if (!met(smaller)) {
                    break;
                }
                n--;
                r = smaller;
            }
            return new Sized(n, r);
        }
        while (n < maxWorkers) {
            n++;
            r = run(engine, n);
            if (met(r)) {
                return new Sized(n, r);
            }
        }
        return new Sized(-1, r);
    }

    private SimulationResult run(EngineConfig engine, int workers) {
        SimulationOptions options = new SimulationOptions(1L, 0.0, Double.POSITIVE_INFINITY, false);
        return Simulation.run(new SimulationConfig(new Deployment.Aggregated(
                new EnginePool(engine, pool.stepTimes(), workers), RouterKind.KV_AWARE), workload, sla.toSlaSpec(),
                options));
    }

    private boolean met(SimulationResult r) {
        return r.rejectedRequests() == 0 && r.unfinishedRequests() == 0 && r.measuredRequests() > 0
                && sla.met(sla.pick(r.ttft()), sla.pick(r.tpot()), sla.pick(r.itl()), sla.pick(r.e2e()));
    }
}
