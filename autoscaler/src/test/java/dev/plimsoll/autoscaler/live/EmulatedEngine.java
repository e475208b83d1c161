package dev.plimsoll.autoscaler.live;

import dev.plimsoll.autoscaler.metrics.Histogram;
import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.ops.StepBatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * One simulated vLLM worker stepping in wall-clock time: continuous batching of at most
 * {@code maxRunning} requests within a KV pool of {@code kvTokens}, prompts chunked into a token
 * budget per step, every step as long as Plimsoll's step-time model says for its batch. It keeps
 * the counters, gauges and histograms a vLLM worker exports. Not thread-safe: the fleet emulator
 * calls it under its own lock.
 */
final class EmulatedEngine {
    enum Role { AGGREGATED, PREFILL, DECODE }

    /** One request's progress. */
    static final class Request {
        final double arrivalMs;
        final int inputTokens;
        final int outputTokens;
        int prefilled;
        int generated;
        /** When it may start here (a decode worker: after the KV transfer). */
        double availableMs;

        Request(double arrivalMs, int inputTokens, int outputTokens) {
            this.arrivalMs = arrivalMs;
            this.inputTokens = inputTokens;
            this.outputTokens = outputTokens;
            this.availableMs = arrivalMs;
        }

        long kvTokens() {
            return (long) prefilled + generated;
        }
    }

    /** What the front end hears of a request. */
    interface Listener {
        void firstToken(Request r, double atMs);

        void tokens(Request r, int tokens, double gapMs);

        /** A prefill worker hands a prefilled request on; other roles finish it. */
        void done(Request r, double atMs, boolean handedOn);
    }

    final String pod;
    final Role role;
    final double readyAtMs;
    private final StepTimeModel steps;
    private final int maxRunning;
    private final int tokenBudget;
    private final long kvCapacity;
    private final Listener listener;
    private final Deque<Request> waiting = new ArrayDeque<>();
    private final List<Request> running = new ArrayList<>();
    private double clockMs;
    private long kvUsed;
    boolean draining;

    long promptTokensTotal;
    long generationTokensTotal;
    long successTotal;
    final Histogram ttft = new Histogram(Histogram.VLLM_TTFT_BUCKETS_S);
    double ttftSumS;
    final Histogram itl = new Histogram(Histogram.VLLM_ITL_BUCKETS_S);
    double itlSumS;

    EmulatedEngine(String pod, Role role, double readyAtMs, StepTimeModel steps, int maxRunning, int tokenBudget,
                   long kvCapacity, Listener listener) {
        this.pod = pod;
        this.role = role;
        this.readyAtMs = readyAtMs;
        this.steps = steps;
        this.maxRunning = maxRunning;
        this.tokenBudget = tokenBudget;
        this.kvCapacity = kvCapacity;
        this.listener = listener;
        this.clockMs = readyAtMs;
    }

    boolean ready(double nowMs) {
        return nowMs >= readyAtMs;
    }

    /** Requests here: running and queued (the router's load signal). */
    int load() {
        return running.size() + waiting.size();
    }

    boolean idle() {
        return running.isEmpty() && waiting.isEmpty();
    }

    int running() {
        return running.size();
    }

    int waiting() {
        return waiting.size();
    }

    double kvUsage() {
        return Math.min(1.0, kvUsed / (double) kvCapacity);
    }

    void submit(Request r) {
        if (idle()) {
            clockMs = Math.max(clockMs, r.availableMs);
        }
        waiting.addLast(r);
    }

    /** Runs steps back to back until the engine's clock passes {@code nowMs} or it runs out of work. */
    void advanceTo(double nowMs) {
        while (clockMs < nowMs) {
            admit();
            if (!running.isEmpty()) {
                step();
                continue;
            }
            Request head = waiting.peekFirst();
            if (head == null || head.availableMs >= nowMs) {
                clockMs = nowMs;
                return;
            }
            if (head.availableMs > clockMs) {
                clockMs = head.availableMs;
            } else {
                // alone on an empty engine and still too large for its KV pool: vLLM rejects it
                waiting.removeFirst();
            }
        }
    }

    private void admit() {
        while (!waiting.isEmpty() && running.size() < maxRunning) {
            Request r = waiting.peekFirst();
            long need = role == Role.DECODE ? r.inputTokens + 1L : 1L;
            if (r.availableMs > clockMs || kvUsed + need > kvCapacity) {
                return;
            }
            waiting.removeFirst();
            if (role == Role.DECODE) {
                r.prefilled = r.inputTokens;
                kvUsed += r.kvTokens();
            }
            running.add(r);
        }
    }

    /** One engine step: every decoding request a token, prompts chunked into what the budget leaves. */
    private void step() {
        int decodes = 0;
        long context = 0;
        for (Request r : running) {
            if (r.prefilled >= r.inputTokens) {
                decodes++;
                context += r.kvTokens();
            }
        }
        int budget = Math.max(0, tokenBudget - decodes);
        List<Request> chunked = new ArrayList<>();
        List<Integer> chunks = new ArrayList<>();
        long prefixSum = 0;
        for (Request r : running) {
            if (budget == 0) {
                break;
            }
            if (r.prefilled < r.inputTokens) {
                int chunk = Math.min(budget, r.inputTokens - r.prefilled);
                chunked.add(r);
                chunks.add(chunk);
                prefixSum += r.prefilled;
                budget -= chunk;
            }
        }
        int chunkTokens = 0;
        for (int c : chunks) {
            chunkTokens += c;
        }
        int meanChunk = chunked.isEmpty() ? 0 : Math.max(1, Math.round(chunkTokens / (float) chunked.size()));
        StepBatch batch = new StepBatch(chunked.size(), meanChunk, chunked.isEmpty() ? 0 : prefixSum / chunked.size(),
                decodes, decodes == 0 ? 0 : context / decodes);
        double ms = steps.stepMs(batch);
        clockMs += ms;
        for (int i = 0; i < chunked.size(); i++) {
            Request r = chunked.get(i);
            r.prefilled += chunks.get(i);
            kvUsed += chunks.get(i);
            promptTokensTotal += chunks.get(i);
        }
        Iterator<Request> it = running.iterator();
        while (it.hasNext()) {
            Request r = it.next();
            boolean justPrefilled = chunked.contains(r) && r.prefilled >= r.inputTokens;
            boolean decoding = !justPrefilled && r.prefilled >= r.inputTokens;
            if (justPrefilled) {
                double ttftS = (clockMs - r.arrivalMs) / 1000.0;
                ttft.observe(ttftS);
                ttftSumS += ttftS;
                r.generated = 1;
                generationTokensTotal++;
                kvUsed++;
                listener.firstToken(r, clockMs);
                if (role == Role.PREFILL) {
                    it.remove();
                    kvUsed -= r.kvTokens();
                    listener.done(r, clockMs, true);
                    continue;
                }
            } else if (decoding) {
                r.generated++;
                generationTokensTotal++;
                kvUsed++;
                itl.observe(ms / 1000.0);
                itlSumS += ms / 1000.0;
                listener.tokens(r, 1, ms);
            }
            if (r.generated >= r.outputTokens) {
                it.remove();
                kvUsed -= r.kvTokens();
                successTotal++;
                listener.done(r, clockMs, false);
            }
        }
    }
}
