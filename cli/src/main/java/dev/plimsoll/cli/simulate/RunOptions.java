package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.sim.SimulationOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How the run is done and recorded: time series, time limit, seed ({@code --output} is {@code OutputOptions}). */
public final class RunOptions {
    @Option(names = "--timeseries", paramLabel = "FILE", order = 71,
            description = "Write queue length, running requests, KV usage and busy share per pool and interval to "
                    + "FILE (.csv or .json).")
    Path timeSeries;

    @Option(names = "--sample-interval", paramLabel = "S", order = 72,
            description = "Time-series interval in simulated seconds (default 1).")
    Double sampleIntervalS;

    @Option(names = "--time-limit", paramLabel = "S", order = 73,
            description = "Stop the clock after S simulated seconds; requests still in flight are reported unfinished.")
    Double timeLimitS;

    @Option(names = "--seed", paramLabel = "N", order = 74,
            description = "Seed of arrivals, sizes and speculative acceptance; equal seeds give equal results "
                    + "(default ${DEFAULT-VALUE}).")
    long seed = 1;

    public void validate() {
        Checks.positive("--sample-interval", sampleIntervalS);
        Checks.positive("--time-limit", timeLimitS);
        Checks.onlyWith("--sample-interval", sampleIntervalS, timeSeries != null, "with --timeseries FILE");
        if (timeSeries != null) {
            TimeSeriesFile.validate(timeSeries);
        }
    }

    public Path timeSeries() {
        return timeSeries;
    }

    public long seed() {
        return seed;
    }

    public Double timeLimitS() {
        return timeLimitS;
    }

    /** The sampling interval, or null without a time series. */
    public Double sampleIntervalS() {
        return timeSeries == null ? null : sampleIntervalS != null ? sampleIntervalS : 1.0;
    }

    /** Simulator options: seed, sampling only when a time series is wanted, per-request records for the SLA. */
    public SimulationOptions simulation(boolean keepRequests) {
        SimulationOptions o = SimulationOptions.DEFAULT.withSeed(seed)
                .withTimeSeriesIntervalMs(timeSeries == null ? 0 : sampleIntervalS() * 1000.0)
                .withKeepRequests(keepRequests);
        return timeLimitS == null ? o : o.withMaxSimulatedMs(timeLimitS * 1000.0);
    }
}
