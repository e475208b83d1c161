package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.sim.RequestRecord;
import dev.plimsoll.perfmodel.sim.SimulationResult;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Whether an open-loop run offered more load than the fleet serves. Its queue then grows for as
 * long as requests keep arriving: a request arriving at time t waits about {@code (R - C) / C * t}
 * longer than the first ones (R offered, C served per second), so its time to first token (when
 * requests queue for a slot) or its end-to-end latency (when they all run at once, each step
 * slower) rises linearly with the arrival time instead of holding level. The run is saturated
 * when, for either latency, the least-squares slope over arrival time is at least
 * {@link #MIN_SLOPE} and the rise it makes over the run exceeds the mean of the first tenth of the
 * requests (the latency at least doubles). While saturated the fleet serves at its capacity, so
 * the measured completion rate is the capacity.
 *
 * @param offeredPerS requests per second that arrived (over the span of the measured arrivals)
 * @param servedPerS  requests per second the fleet finished over the measurement window
 * @param saturated   the queue grew throughout the run
 */
public record Saturation(double offeredPerS, double servedPerS, boolean saturated) {
    /**
     * Fewest measured requests to judge a trend by (Plimsoll's choice). Ten are enough for the
     * latency to double along a least-squares line: a run of ten 120k-token prompts at 1 req/s on
     * one small replica had a TTFT p90 of 34 s and went unflagged when fifty were required.
     */
    static final int MIN_REQUESTS = 10;
    /** Latency growth per unit of arrival time of a load 5 % above capacity, (R - C) / C = 0.05. */
    static final double MIN_SLOPE = 0.05;

    /** The judgement of a run that kept its request records; null when there are too few to judge. */
    public static Saturation of(SimulationResult r) {
        List<RequestRecord> records = r.requestRecords().stream()
                .sorted(Comparator.comparingDouble(RequestRecord::arrivalMs)).toList();
        int n = records.size();
        if (n < MIN_REQUESTS) {
            return null;
        }
        double first = records.get(0).arrivalMs();
        double span = records.get(n - 1).arrivalMs() - first;
        if (!(span > 0)) {
            return null;
        }
        boolean saturated = grows(records, first, span, RequestRecord::ttftMs)
                || grows(records, first, span, RequestRecord::e2eMs);
        return new Saturation((n - 1) / span * 1000.0, r.requestsPerS(), saturated);
    }

    /** A latency's least-squares rise over the arrivals is steep and at least its early mean. */
    private static boolean grows(List<RequestRecord> records, double first, double span,
                                 ToDoubleFunction<RequestRecord> latency) {
        int n = records.size();
        double meanT = 0;
        double meanY = 0;
        for (RequestRecord x : records) {
            meanT += x.arrivalMs() - first;
            meanY += latency.applyAsDouble(x);
        }
        meanT /= n;
        meanY /= n;
        double sty = 0;
        double stt = 0;
        for (RequestRecord x : records) {
            double t = x.arrivalMs() - first - meanT;
            sty += t * (latency.applyAsDouble(x) - meanY);
            stt += t * t;
        }
        double slope = stt > 0 ? sty / stt : 0;
        double early = records.subList(0, Math.max(1, n / 10)).stream().mapToDouble(latency).average().orElse(0);
        return slope >= MIN_SLOPE && slope * span > early;
    }
}
