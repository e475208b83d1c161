package dev.plimsoll.perfmodel.estimate;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.cost.StepLatencyModel;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.memory.KvCacheModel;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.ExpertSlots;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.parallel.PipelineStages;
import dev.plimsoll.perfmodel.serving.ReplicaModel;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers {@code plimsoll estimate}: step latencies, steady-state serving figures and memory of
 * one layout, without queueing (the simulator adds that).
 *
 * <p>Steady state of {@code B} requests in flight per rank (aggregated serving, prefill not
 * chunked): each request lives for OSL decode steps, during which the other {@code B - 1}
 * requests are each replaced once, and each replacement's prefill stalls decoding. So a token
 * costs {@code decode_step + (B - 1) / OSL x prefill} on average.
 */
public final class Estimator {
    private final CostModelProvider costModels;

    public Estimator(CostModelProvider costModels) {
        this.costModels = costModels;
    }

    public Estimate estimate(EstimateRequest r) {
        checkPositive("batch", r.batch());
        checkPositive("isl", r.isl());
        checkPositive("osl", r.osl());
        long contextTokens = (long) r.isl() + r.osl();
        if (r.model().maxContextTokens() > 0 && contextTokens > r.model().maxContextTokens()) {
            throw new UserInputException("ISL + OSL = " + contextTokens + " tokens exceeds the "
                    + r.model().maxContextTokens() + "-token context of " + r.model().id());
        }
        Parallelism p = r.parallelism();
        // the engine's own limits for this GPU and layout (SGLang's CUDA-graph batch, vLLM's running cap)
        BackendProfile backend = r.backend().on(r.gpu(), p.stageGpus());
        ReplicaModel replica = new Replicas(costModels).model(new ReplicaSpec(r.model(), r.gpu(), p, r.quant(),
                backend, r.cudaGraph(), r.memoryFraction()), Math.max(r.batch(), Replicas.defaultSequences(backend)));
        ResolvedQuant quant = replica.quant();
        MemoryBreakdown memory = replica.memory();
        KvCacheModel kv = replica.kv();
        long kvCapacity = kv.capacityTokens(memory.kvCacheBytes(), backend.maxNumSeqs());
        int maxBatch = (int) Math.min(backend.maxNumSeqs(), kv.requestsThatFit(memory.kvCacheBytes(), contextTokens));
        if (maxBatch < 1) {
            throw new UserInputException(String.format("one request of %d tokens needs %.2f GB of KV cache per GPU "
                            + "but only %.2f GB is left after weights; use more GPUs, fp8 KV or shorter sequences",
                    contextTokens, kv.requestBytes(contextTokens) / 1e9, memory.kvCacheBytes() / 1e9));
        }

        StepLatencyModel steps = new StepLatencyModel(replica.graph(), replica.cost(), backend, r.cudaGraph());
        StepBatch prefill = StepBatch.prefill(1, r.isl());
        StepBatch decode = StepBatch.decode(r.batch(), r.isl() + r.osl() / 2);
        double prefillMs = steps.stepMs(prefill);
        double decodeMs = steps.stepMs(decode);
        double ttftMs = prefillMs + (r.batch() > 1 ? decodeMs / 2.0 : 0.0);
        double itlMs = decodeMs + (double) (r.batch() - 1) / r.osl() * prefillMs;
        double replicaTokensPerS = (double) r.batch() * p.dp() * 1000.0 / itlMs;

        List<OpTiming> ops = new ArrayList<>(steps.detail(prefill));
        ops.addAll(steps.detail(decode));
        List<String> notes = notes(r, quant, maxBatch, steps.replaysGraph(decode), backend.cudaGraphMaxBatch());
        String provenance = costModels.forGpu(r.gpu(), backend).provenanceNote();
        if (!provenance.isEmpty()) {
            notes.add(provenance);
        }
        if (!PipelineStages.even(r.model().numLayers(), p.pp())) {
            notes.add(PipelineStages.describe(r.model().numLayers(), p.pp(), backend.id())
                    + "; the slowest stage sets the decode pipeline's pace");
        }
        return new Estimate(prefillMs, decodeMs, ttftMs, itlMs, replicaTokensPerS, replicaTokensPerS / p.gpus(),
                1000.0 / itlMs, p.gpus(), memory, kvCapacity, maxBatch, List.copyOf(ops), quant, notes,
                r.cudaGraph() ? backend.cudaGraphMaxBatch() : 0);
    }

    private static List<String> notes(EstimateRequest r, ResolvedQuant quant, int maxBatch, boolean graphed,
                                      int cudaGraphMaxBatch) {
        List<String> notes = new ArrayList<>();
        if (!quant.note().isEmpty()) {
            notes.add(quant.note());
        }
        String slots = ExpertSlots.note(r.model(), r.parallelism());
        if (!slots.isEmpty()) {
            notes.add(slots);
        }
        if (r.batch() > maxBatch) {
            notes.add("batch " + r.batch() + " exceeds the " + maxBatch + " requests of ISL+OSL the KV cache holds "
                    + "per rank: the engine would queue or preempt");
        }
        if (r.cudaGraph() && !graphed) {
            notes.add("decode batch " + r.batch() + " is above the largest captured CUDA graph ("
                    + cudaGraphMaxBatch + "): it runs eagerly");
        }
        return notes;
    }

    private static void checkPositive(String name, int value) {
        if (value <= 0) {
            throw new UserInputException("--" + name + " must be a positive integer, got " + value);
        }
    }
}
