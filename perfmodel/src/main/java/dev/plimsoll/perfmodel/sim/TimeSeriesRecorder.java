package dev.plimsoll.perfmodel.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-interval state of each pool: queue, running requests and KV usage read at the end of the
 * interval, busy time accumulated from the steps that overlap it.
 */
final class TimeSeriesRecorder implements SimulationListener {
    private final double intervalMs;
    private final String[] poolNames;
    private final Engine[][] pools;
    private final int[] poolOfEngine;
    /** busy[pool][interval]: engine-milliseconds of steps inside the interval. */
    private double[][] busy;
    private final List<TimeSeriesSample> samples = new ArrayList<>();
    private long finishedSinceSample;

    TimeSeriesRecorder(double intervalMs, String[] poolNames, Engine[][] pools, int engines) {
        this.intervalMs = intervalMs;
        this.poolNames = poolNames;
        this.pools = pools;
        this.poolOfEngine = new int[engines];
        for (int p = 0; p < pools.length; p++) {
            for (Engine e : pools[p]) {
                poolOfEngine[e.index] = p;
            }
        }
        this.busy = new double[pools.length][64];
    }

    double intervalMs() {
        return intervalMs;
    }

    @Override
    public void stepStarted(Engine engine, double nowMs, double durationMs) {
        double[] row = busyRow(poolOfEngine[engine.index], (int) ((nowMs + durationMs) / intervalMs) + 1);
        double t = nowMs;
        double end = nowMs + durationMs;
        while (t < end) {
            int bucket = (int) (t / intervalMs);
            double bucketEnd = (bucket + 1) * intervalMs;
            double slice = Math.min(end, bucketEnd) - t;
            row[bucket] += slice;
            t += slice;
            if (slice <= 0) {
                break;
            }
        }
    }

    @Override
    public void finished(SimRequest r, double nowMs) {
        finishedSinceSample++;
    }

    private double[] busyRow(int pool, int buckets) {
        if (busy[pool].length < buckets) {
            for (int p = 0; p < busy.length; p++) {
                busy[p] = Arrays.copyOf(busy[p], Math.max(buckets, busy[p].length * 2));
            }
        }
        return busy[pool];
    }

    /** Records the interval ending at {@code nowMs} = k x interval. */
    void sample(double nowMs) {
        int bucket = (int) Math.round(nowMs / intervalMs) - 1;
        for (int p = 0; p < pools.length; p++) {
            int queue = 0;
            int running = 0;
            double usage = 0;
            for (Engine e : pools[p]) {
                queue += e.waitingRequests();
                running += e.runningRequests();
                usage += e.kvUsage();
            }
            double[] row = busyRow(p, bucket + 1);
            double busyFraction = row[bucket] / (pools[p].length * intervalMs);
            samples.add(new TimeSeriesSample(nowMs, poolNames[p], queue, running, usage / pools[p].length,
                    Math.min(1.0, busyFraction), finishedSinceSample));
        }
        finishedSinceSample = 0;
    }

    List<TimeSeriesSample> samples() {
        return List.copyOf(samples);
    }
}
