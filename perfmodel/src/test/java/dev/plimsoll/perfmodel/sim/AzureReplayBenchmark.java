package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.TraceFiles;
import dev.plimsoll.perfmodel.workload.TraceTransform;
import dev.plimsoll.perfmodel.workload.Workload;

import java.util.Locale;

/**
 * Replays the one-hour Azure conversation trace (19,366 requests; Patel et al., Splitwise, ISCA
 * 2024) through 16 aggregated vLLM replicas of Llama-3.1-8B on H100 with a synthetic step model,
 * and prints the wall time. Run: {@code java -cp ... dev.plimsoll.perfmodel.sim.AzureReplayBenchmark [runs]}.
 */
public final class AzureReplayBenchmark {
    /**
     * KV tokens of one replica: 0.9 x 80 GB minus 16 GB of bf16 weights and about 4 GB of
     * activations, graphs and framework memory leaves about 52 GB; Llama-3.1-8B stores
     * 2 x 32 layers x 8 KV heads x 128 x 2 bytes = 128 KiB per token, so about 400k tokens.
     */
    static final long KV_TOKENS = 400_000;
    static final long KV_BYTES_PER_TOKEN = 131_072;

    private AzureReplayBenchmark() {
    }

    static SimulationConfig config() {
        // vLLM defaults on a >= 70 GiB GPU for the API server: max_num_seqs 1024, max_num_batched_tokens 8192
        EngineConfig engine = EngineConfig.of(SchedulerProfile.VLLM, KV_TOKENS, KV_BYTES_PER_TOKEN, 1024, 8192, 512);
        Workload trace = Workload.trace(TraceFiles.azureConversation(), TraceTransform.NONE);
        return SimulationConfig.aggregated(engine, StepTimeModelFactory.of(LinearStepTime.LLAMA_8B_H100), 16,
                RouterKind.LEAST_LOADED, trace, SlaSpec.of(2000, 50));
    }

    /** Runs the replay and returns its result and wall time in milliseconds. */
    static Timed run() {
        long start = System.nanoTime();
        SimulationResult result = Simulation.run(config());
        return new Timed(result, (System.nanoTime() - start) / 1e6);
    }

    record Timed(SimulationResult result, double wallMs) {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int i = 0; i < runs; i++) {
            Timed t = run();
            SimulationResult r = t.result();
            System.out.printf(Locale.ROOT, "run %d: %.0f ms wall, %d requests, %d steps, TTFT mean %.1f p99 %.1f ms,"
                            + " TPOT mean %.2f ms, ITL p99 %.2f ms, %.0f output tok/s, utilisation %.3f%n", i + 1,
                    t.wallMs(), r.finishedRequests(), r.pools().get(0).steps(), r.ttft().meanMs(), r.ttft().p99Ms(),
                    r.tpot().meanMs(), r.itl().p99Ms(), r.outputTokensPerS(), r.pools().get(0).gpuUtilisation());
        }
    }
}
