package dev.plimsoll.autoscaler.replay;

import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.ArrivalSource;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.TraceFormat;
import dev.plimsoll.perfmodel.workload.TraceTransform;
import dev.plimsoll.perfmodel.workload.Workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trace read once into memory (after its window and rate transform): the requests the
 * simulator replays, and the true load over any span (what the oracle knows and the peak the
 * static fleet is planned for).
 */
public final class TraceLoad {
    private final List<TimedRequest> requests;
    private final double[] arrivalsMs;
    /** Prefix sums of input and output tokens: sums[i] = first i requests. */
    private final long[] inputSums;
    private final long[] outputSums;
    private final String description;

    private TraceLoad(List<TimedRequest> requests, String description) {
        this.requests = requests;
        this.description = description;
        int n = requests.size();
        this.arrivalsMs = new double[n];
        this.inputSums = new long[n + 1];
        this.outputSums = new long[n + 1];
        for (int i = 0; i < n; i++) {
            TimedRequest r = requests.get(i);
            arrivalsMs[i] = r.arrivalMs();
            inputSums[i + 1] = inputSums[i] + r.shape().inputTokens();
            outputSums[i + 1] = outputSums[i] + r.shape().outputTokens();
        }
    }

    public static TraceLoad read(Path file, TraceFormat format, TraceTransform transform) {
        List<TimedRequest> list = new ArrayList<>();
        try (ArrivalSource source = transform.apply(Workload.open(file, format))) {
            for (TimedRequest r = source.next(); r != null; r = source.next()) {
                list.add(r);
            }
        }
        if (list.isEmpty()) {
            throw new UserInputException(file + ": no requests in the chosen window of the trace");
        }
        return new TraceLoad(List.copyOf(list), format.key() + " trace " + file.getFileName());
    }

    /** For tests: a given list in arrival order. */
    public static TraceLoad of(List<TimedRequest> requests, String description) {
        return new TraceLoad(List.copyOf(requests), description);
    }

    public Workload.OpenLoop workload() {
        return Workload.of(description, requests);
    }

    public int size() {
        return requests.size();
    }

    public double durationMs() {
        return arrivalsMs[arrivalsMs.length - 1];
    }

    public String description() {
        return description;
    }

    /** The requests arriving in [fromMs, toMs) as a rate and mean sizes; null when none arrive. */
    public Load between(double fromMs, double toMs) {
        int a = index(fromMs);
        int b = index(toMs);
        int n = b - a;
        if (n <= 0 || toMs <= fromMs) {
            return null;
        }
        return new Load(n / ((toMs - fromMs) / 1000.0), (double) (inputSums[b] - inputSums[a]) / n,
                (double) (outputSums[b] - outputSums[a]) / n);
    }

    /** The busiest window of {@code windowMs}, windows starting every {@code stepMs}. */
    public Load peak(double windowMs, double stepMs) {
        Load best = null;
        double end = Math.max(windowMs, durationMs());
        for (double t = 0; t + windowMs <= end + 1e-9; t += stepMs) {
            Load l = between(t, t + windowMs);
            if (l != null && (best == null || l.requestsPerS() > best.requestsPerS())) {
                best = l;
            }
        }
        return best;
    }

    /** First index with arrival >= t. */
    private int index(double t) {
        int i = Arrays.binarySearch(arrivalsMs, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && arrivalsMs[i - 1] == t) {
            i--;
        }
        return i;
    }
}
