package dev.plimsoll.perfmodel.sim;

/**
 * The latencies of the measured requests of one batch ({@link BatchWindows}), and how many samples
 * exceeded the batch windows' bounds.
 *
 * @param requests  measured requests that finished
 * @param ttft      time to first token
 * @param itl       inter-token latency, one sample per output token after the first
 * @param tpot      per request: (end-to-end - TTFT) / (output tokens - 1)
 * @param e2e       send to last token
 * @param ttftAbove requests whose TTFT exceeded its bound
 * @param itlAbove  tokens whose gap exceeded its bound
 * @param tpotAbove requests whose TPOT exceeded its bound
 * @param e2eAbove  requests whose end-to-end latency exceeded its bound
 */
public record BatchStats(long requests, LatencyStats ttft, LatencyStats itl, LatencyStats tpot, LatencyStats e2e,
                         long ttftAbove, long itlAbove, long tpotAbove, long e2eAbove) {
    /** Share of {@code above} in {@code stats}' samples; NaN without samples. */
    public static double share(long above, LatencyStats stats) {
        return stats.count() == 0 ? Double.NaN : (double) above / stats.count();
    }
}
