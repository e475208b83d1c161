package dev.plimsoll.perfmodel.sim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * State of one pool at the end of a sampling interval.
 *
 * @param tMs              end of the interval
 * @param pool             aggregated, prefill or decode
 * @param queueLength      requests waiting, all replicas
 * @param runningRequests  requests admitted, all replicas
 * @param kvUsage          mean share of KV blocks held by requests over the replicas
 * @param busyFraction     share of the interval the replicas spent running steps
 * @param finishedRequests requests finished in the interval, whole system (the same on each pool's row)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TimeSeriesSample(double tMs, String pool, int queueLength, int runningRequests, double kvUsage,
                               double busyFraction, long finishedRequests) {
    public static final String CSV_HEADER = "t_ms,pool,queue_length,running_requests,kv_usage,busy_fraction,"
            + "finished_requests";

    /** Writes samples as CSV with a header line. */
    public static void writeCsv(List<TimeSeriesSample> samples, Appendable out) {
        try {
            out.append(CSV_HEADER).append('\n');
            for (TimeSeriesSample s : samples) {
                out.append(String.format(Locale.ROOT, "%.3f,%s,%d,%d,%.6f,%.6f,%d%n", s.tMs, s.pool, s.queueLength,
                        s.runningRequests, s.kvUsage, s.busyFraction, s.finishedRequests));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
