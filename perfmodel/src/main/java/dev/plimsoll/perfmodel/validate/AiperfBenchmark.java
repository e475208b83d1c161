package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.Workload;

/**
 * The closed-loop benchmark behind the aic-silicon rows: {@code C} streaming clients with fixed
 * ISL/OSL and ignore_eos, a warm-up phase of two requests per client, then the measured phase.
 * The scripts that produce such rows in the Dynamo ecosystem run, for example, {@code genai-perf
 * profile --concurrency C --request-count 10C --warmup-request-count 2C} (Dynamo
 * benchmarks/llm/perf.sh; SemiAnalysis InferenceMAX also sends ten requests per client) or
 * {@code aiperf profile --concurrency C --num-requests 50C --warmup-request-count 2C}
 * (AIConfigurator's generator, benchmark/bench_run.sh.j2).
 *
 * <p>The client runs its phases one after the other: aiperf's credit issuer sends a phase's
 * requests, then "waits for the credits to be returned before continuing to the next phase"
 * (aiperf timing/credit_issuing_strategy.py, _execute_phases). So the warm-up drains completely,
 * and the measured phase starts from an idle engine with all {@code C} clients sending at once;
 * every request of that phase is averaged, the opening burst and the final drain included. The
 * simulation therefore runs the measured phase alone, from a burst: the warm-up leaves nothing
 * behind (its KV blocks are freed and random prompts share no prefix). How many requests per client
 * a row measured is not recorded; ten, the figure of the Dynamo scripts, is used (the
 * sensitivity to 8, 20 and 50 is in docs/validation.md).
 */
final class AiperfBenchmark {
    /** Measured requests per client: genai-perf --request-count 10C (Dynamo benchmarks/llm/perf.sh). */
    static final int MEASURED_ROUNDS = 10;
    /**
     * Scatter of the request path between a client's last token and its next request reaching the
     * engine: aiperf's worker process, an HTTP round trip on the host, the Dynamo frontend's
     * tokenisation of the prompt (Hugging Face tokenizers, about 1 µs per token, so 1-8 ms for 1k-8k
     * tokens) and the hop to the worker. Uniform over [0, 10 ms): an estimate of that path, not a fit;
     * docs/validation.md shows that 4-40 ms move the TTFT median error by under two points.
     */
    static final double SEND_JITTER_MS = 10.0;

    private AiperfBenchmark() {
    }

    /** The measured phase: every client sends at time zero, {@link #MEASURED_ROUNDS} requests each, all measured. */
    static Workload.ClosedLoop workload(MeasuredDeployment row) {
        long c = row.concurrency();
        return new Workload.ClosedLoop(row.concurrency(), RequestShapes.fixed(row.isl(), row.osl()),
                c * MEASURED_ROUNDS, 0, 0, 0.0, 1L, SEND_JITTER_MS);
    }
}
