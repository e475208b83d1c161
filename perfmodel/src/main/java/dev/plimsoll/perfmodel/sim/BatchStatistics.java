package dev.plimsoll.perfmodel.sim;

import java.util.ArrayList;
import java.util.List;

/** Collects the latencies of measured requests per batch of send time. */
final class BatchStatistics implements SimulationListener {
    private final BatchWindows windows;
    private final DoubleList[] ttft;
    private final DoubleList[] tpot;
    private final DoubleList[] e2e;
    private final TokenLatencyHistogram[] itl;
    private final long[] ttftAbove;
    private final long[] itlAbove;
    private final long[] tpotAbove;
    private final long[] e2eAbove;

    BatchStatistics(BatchWindows windows) {
        this.windows = windows;
        int n = windows.count();
        ttft = new DoubleList[n];
        tpot = new DoubleList[n];
        e2e = new DoubleList[n];
        itl = new TokenLatencyHistogram[n];
        ttftAbove = new long[n];
        itlAbove = new long[n];
        tpotAbove = new long[n];
        e2eAbove = new long[n];
        for (int i = 0; i < n; i++) {
            ttft[i] = new DoubleList();
            tpot[i] = new DoubleList();
            e2e[i] = new DoubleList();
            itl[i] = new TokenLatencyHistogram();
        }
    }

    @Override
    public void tokens(SimRequest r, double nowMs, int tokens, double gapMs) {
        if (!r.measured || Double.isNaN(gapMs)) {
            return;
        }
        int b = windows.of(r.sentMs);
        if (b >= 0) {
            double perToken = gapMs / tokens;
            itl[b].add(perToken, tokens);
            if (perToken > windows.bounds().itlMs()) {
                itlAbove[b] += tokens;
            }
        }
    }

    @Override
    public void finished(SimRequest r, double nowMs) {
        if (!r.measured) {
            return;
        }
        int b = windows.of(r.sentMs);
        if (b < 0) {
            return;
        }
        // as RequestMetrics counts them: from the client's send
        BatchWindows.Bounds bounds = windows.bounds();
        double t = r.firstTokenMs - r.sentMs;
        double e = nowMs - r.sentMs;
        ttft[b].add(t);
        e2e[b].add(e);
        ttftAbove[b] += t > bounds.ttftMs() ? 1 : 0;
        e2eAbove[b] += e > bounds.e2eMs() ? 1 : 0;
        if (r.outputTokens > 1) {
            double p = (nowMs - r.firstTokenMs) / (r.outputTokens - 1);
            tpot[b].add(p);
            tpotAbove[b] += p > bounds.tpotMs() ? 1 : 0;
        }
    }

    List<BatchStats> batches() {
        List<BatchStats> out = new ArrayList<>();
        for (int i = 0; i < ttft.length; i++) {
            out.add(new BatchStats(ttft[i].size(), ttft[i].stats(), itl[i].stats(), tpot[i].stats(), e2e[i].stats(),
                    ttftAbove[i], itlAbove[i], tpotAbove[i], e2eAbove[i]));
        }
        return out;
    }
}
