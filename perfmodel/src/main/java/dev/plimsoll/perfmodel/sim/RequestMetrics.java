package dev.plimsoll.perfmodel.sim;

import java.util.ArrayList;
import java.util.List;

/** Latencies, throughput, SLA attainment and Little's law, from request events. */
final class RequestMetrics implements SimulationListener {
    private final SlaSpec sla;
    private final boolean keepRequests;
    private final DoubleList ttft = new DoubleList();
    private final DoubleList tpot = new DoubleList();
    private final DoubleList e2e = new DoubleList();
    private final TokenLatencyHistogram itl = new TokenLatencyHistogram();
    private final DoubleList transfer = new DoubleList();
    private final DoubleList decodeQueue = new DoubleList();
    private final List<RequestRecord> records = new ArrayList<>();

    long arrived;
    long finished;
    long rejected;
    private long measured;
    private long meetingSla;
    private long measuredInputTokens;
    private long measuredOutputTokens;
    private double firstMeasuredArrivalMs = Double.POSITIVE_INFINITY;
    private double lastMeasuredFinishMs = Double.NEGATIVE_INFINITY;
    private long decodeSteps;
    private long decodeTokens;

    // Little's law over every admitted request
    private int inSystem;
    private double lastChangeMs = Double.NaN;
    private double firstArrivalMs = Double.NaN;
    private double lastDepartureMs = Double.NaN;
    private double area;
    private double sojournSumMs;

    RequestMetrics(SlaSpec sla, boolean keepRequests) {
        this.sla = sla;
        this.keepRequests = keepRequests;
    }

    @Override
    public void arrived(SimRequest r, double nowMs) {
        arrived++;
        change(nowMs, +1);
        if (Double.isNaN(firstArrivalMs)) {
            firstArrivalMs = nowMs;
        }
    }

    @Override
    public void tokens(SimRequest r, double nowMs, int tokens, double gapMs) {
        if (!r.measured || Double.isNaN(gapMs)) {
            return;
        }
        itl.add(gapMs / tokens, tokens);
        decodeSteps++;
        decodeTokens += tokens;
    }

    @Override
    public void finished(SimRequest r, double nowMs) {
        finished++;
        change(nowMs, -1);
        lastDepartureMs = nowMs;
        sojournSumMs += nowMs - r.arrivalMs;
        if (!r.measured) {
            return;
        }
        measured++;
        // as the client sees them: from its send, the request path included
        double ttftMs = r.firstTokenMs - r.sentMs;
        double e2eMs = nowMs - r.sentMs;
        double tpotMs = r.outputTokens > 1 ? (nowMs - r.firstTokenMs) / (r.outputTokens - 1) : Double.NaN;
        ttft.add(ttftMs);
        e2e.add(e2eMs);
        if (!Double.isNaN(tpotMs)) {
            tpot.add(tpotMs);
        }
        if (sla.met(ttftMs, tpotMs, e2eMs)) {
            meetingSla++;
        }
        measuredInputTokens += r.inputTokens;
        measuredOutputTokens += r.outputTokens;
        firstMeasuredArrivalMs = Math.min(firstMeasuredArrivalMs, r.sentMs);
        lastMeasuredFinishMs = Math.max(lastMeasuredFinishMs, nowMs);
        if (keepRequests) {
            records.add(new RequestRecord(r.id, r.sentMs, r.inputTokens, r.outputTokens, ttftMs, tpotMs, e2eMs,
                    r.preemptions));
        }
    }

    @Override
    public void rejected(SimRequest r, double nowMs) {
        rejected++;
        change(nowMs, -1);
    }

    @Override
    public void transferred(SimRequest r, double queuedMs, double transferMs) {
        if (r.measured) {
            decodeQueue.add(queuedMs);
            transfer.add(transferMs);
        }
    }

    private void change(double nowMs, int delta) {
        if (!Double.isNaN(lastChangeMs)) {
            area += inSystem * (nowMs - lastChangeMs);
        }
        lastChangeMs = nowMs;
        inSystem += delta;
    }

    long measured() {
        return measured;
    }

    double windowMs() {
        return measured == 0 ? 0 : lastMeasuredFinishMs - firstMeasuredArrivalMs;
    }

    LatencyStats ttft() {
        return ttft.stats();
    }

    LatencyStats tpot() {
        return tpot.stats();
    }

    LatencyStats e2e() {
        return e2e.stats();
    }

    LatencyStats itl() {
        return itl.stats();
    }

    LatencyStats transfer() {
        return transfer.stats();
    }

    LatencyStats decodeQueue() {
        return decodeQueue.stats();
    }

    double perSecond(double count) {
        double window = windowMs();
        return window > 0 ? count / window * 1000.0 : Double.NaN;
    }

    double requestsPerS() {
        return perSecond(measured);
    }

    double outputTokensPerS() {
        return perSecond(measuredOutputTokens);
    }

    double inputTokensPerS() {
        return perSecond(measuredInputTokens);
    }

    double goodputPerS() {
        return perSecond(meetingSla);
    }

    double slaAttainment() {
        return measured == 0 ? Double.NaN : (double) meetingSla / measured;
    }

    double meanTokensPerStep() {
        return decodeSteps == 0 ? Double.NaN : (double) decodeTokens / decodeSteps;
    }

    List<RequestRecord> records() {
        return List.copyOf(records);
    }

    /** L = lambda W over [first arrival, last departure], over requests that finished. */
    LittleLaw littleLaw() {
        if (finished == 0 || !(lastDepartureMs > firstArrivalMs)) {
            return new LittleLaw(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double spanMs = lastDepartureMs - firstArrivalMs;
        double l = area / spanMs;
        double lambdaPerMs = finished / spanMs;
        double w = sojournSumMs / finished;
        double error = Math.abs(l - lambdaPerMs * w) / (lambdaPerMs * w);
        return new LittleLaw(l, lambdaPerMs * 1000.0, w, error);
    }
}
