package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.ArrivalSource;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.TraceFormat;
import dev.plimsoll.perfmodel.workload.Workload;

import java.nio.file.Path;

/** The mean arrival rate of a request trace: requests after the first over the span of their arrivals. */
public final class TraceArrivalRate {
    private TraceArrivalRate() {
    }

    /** Requests per second; refused when the trace holds fewer than two requests or no time passes. */
    public static double of(Path trace) {
        long n = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        try (ArrivalSource source = Workload.open(trace, TraceFormat.detect(trace))) {
            for (TimedRequest r = source.next(); r != null; r = source.next()) {
                if (n == 0) {
                    first = r.arrivalMs();
                }
                last = r.arrivalMs();
                n++;
            }
        }
        if (n < 2 || !(last > first)) {
            throw new UserInputException(trace + ": " + n + " requests over no time give no arrival rate; give the "
                    + "load with --rate R, --total-gpus N or --concurrency C");
        }
        return (n - 1) / (last - first) * 1000.0;
    }
}
