package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.sim.kvtier.KvTierStats;
import dev.plimsoll.perfmodel.sim.kvtier.TierStore;
import dev.plimsoll.perfmodel.workload.Workload;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a finished simulation run: its requests' metrics and each pool's statistics, after
 * checking that no KV block leaked.
 */
final class RunSummary {
    private RunSummary() {
    }

    static SimulationResult of(SimulationConfig config, RequestMetrics metrics, TimeSeriesRecorder series,
                               String[] poolNames, Engine[][] pools, Engine[] engines, double now,
                               boolean disaggregated) {
        long unfinished = metrics.arrived - metrics.finished - metrics.rejected;
        if (unfinished == 0) {
            checkNoLeaks(engines);
        }
        List<PoolStats> poolStats = new ArrayList<>();
        long lookups = 0;
        long hits = 0;
        long preemptions = 0;
        for (int p = 0; p < pools.length; p++) {
            PoolStats s = poolStats(poolNames[p], pools[p], now);
            poolStats.add(s);
            preemptions += s.preemptions();
            for (Engine e : pools[p]) {
                for (Rank rank : e.ranks) {
                    lookups += rank.kv.lookupTokens();
                    hits += rank.kv.hitTokens();
                }
            }
        }
        return new SimulationResult(config.deployment().key(), describe(config.workload()), metrics.arrived,
                metrics.finished, metrics.measured(), metrics.rejected, unfinished, metrics.windowMs(), now,
                metrics.ttft(), metrics.itl(), metrics.tpot(), metrics.e2e(), metrics.requestsPerS(),
                metrics.outputTokensPerS(), metrics.inputTokensPerS(), metrics.goodputPerS(), metrics.slaAttainment(),
                lookups == 0 ? 0.0 : (double) hits / lookups, preemptions, metrics.meanTokensPerStep(),
                disaggregated ? metrics.transfer() : LatencyStats.EMPTY,
                disaggregated ? metrics.decodeQueue() : LatencyStats.EMPTY, List.copyOf(poolStats),
                metrics.littleLaw(), series == null ? List.of() : series.samples(), metrics.records(),
                tierStats(engines, lookups));
    }

    /** Per tier, all ranks of all engines: GPU hits are those not read from a lower tier first. */
    private static List<KvTierStats> tierStats(Engine[] engines, long lookups) {
        TierStore first = null;
        for (Engine e : engines) {
            for (Rank rank : e.ranks) {
                if (rank.kv.tiers() != null) {
                    first = rank.kv.tiers();
                    break;
                }
            }
        }
        if (first == null) {
            return List.of();
        }
        int levels = first.levels();
        long[] hits = new long[levels];
        double[] read = new double[levels];
        double[] written = new double[levels];
        long[] capacity = new long[levels];
        long gpuHits = 0;
        long gpuCapacity = 0;
        for (Engine e : engines) {
            for (Rank rank : e.ranks) {
                TierStore t = rank.kv.tiers();
                long lowerHits = 0;
                for (int l = 0; t != null && l < levels; l++) {
                    hits[l] += t.hitTokens(l);
                    lowerHits += t.hitTokens(l);
                    read[l] += t.readBytes(l);
                    written[l] += t.writtenBytes(l);
                    capacity[l] += t.capacityTokens(l);
                }
                gpuHits += Math.max(0, rank.kv.hitTokens() - lowerHits);
                gpuCapacity += (long) rank.kv.totalBlocks * rank.kv.blockTokens;
            }
        }
        List<KvTierStats> stats = new ArrayList<>();
        stats.add(new KvTierStats("gpu", share(gpuHits, lookups), gpuHits, 0.0, 0.0, gpuCapacity));
        for (int l = 0; l < levels; l++) {
            stats.add(new KvTierStats(first.kind(l).key(), share(hits[l], lookups), hits[l], read[l], written[l],
                    capacity[l]));
        }
        return List.copyOf(stats);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    private static PoolStats poolStats(String name, Engine[] pool, double now) {
        double busy = 0;
        double usage = 0;
        double peak = 0;
        double queue = 0;
        long steps = 0;
        long preemptions = 0;
        long lookups = 0;
        long hits = 0;
        for (Engine e : pool) {
            busy += e.busyMs;
            usage += e.load.meanUsage(now);
            peak = Math.max(peak, e.load.peakUsage());
            queue += e.load.meanQueue(now);
            steps += e.steps;
            for (Rank rank : e.ranks) {
                preemptions += rank.preemptions;
                lookups += rank.kv.lookupTokens();
                hits += rank.kv.hitTokens();
            }
        }
        double util = now > 0 ? Math.min(1.0, busy / (pool.length * now)) : 0.0;
        return new PoolStats(name, pool.length, util, usage / pool.length, peak, queue / pool.length, steps,
                preemptions, lookups == 0 ? 0.0 : (double) hits / lookups);
    }

    /** Every block must be back in the pool or in the prefix cache, unpinned, once all requests left. */
    private static void checkNoLeaks(Engine[] engines) {
        for (Engine e : engines) {
            for (Rank rank : e.ranks) {
                if (rank.kv.blocksOutsideCache() != 0 || rank.kv.usage() != 0.0 || !rank.running.isEmpty()
                        || !rank.waiting.isEmpty()) {
                    throw new IllegalStateException("engine " + e.index + " rank " + rank.index + " still holds "
                            + rank.kv.blocksOutsideCache() + " blocks / usage " + rank.kv.usage()
                            + " after every request left: a simulator bug");
                }
            }
        }
    }

    private static String describe(Workload w) {
        if (w instanceof Workload.OpenLoop) {
            return ((Workload.OpenLoop) w).description();
        }
        if (w instanceof Workload.Sessions s) {
            return s.description();
        }
        Workload.ClosedLoop c = (Workload.ClosedLoop) w;
        return "closed loop, concurrency " + c.concurrency() + ", " + c.requests() + " requests";
    }
}
