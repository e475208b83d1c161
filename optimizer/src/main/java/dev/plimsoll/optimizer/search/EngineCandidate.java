package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.Objects;

/**
 * One engine launch configuration the search considers, before load decides its batch.
 *
 * @param gpu            GPU type
 * @param parallelism    TP / PP / EP / attention-DP layout of one replica
 * @param quant          weights and KV-cache storage
 * @param backend        serving engine (its defaults; the search's knobs override them)
 * @param tokenBudget    tokens one step may process
 * @param chunkedPrefill prompts longer than the budget are cut into chunks
 * @param speculative    speculative decoding, or {@link SpeculativeDecoding#NONE}
 */
public record EngineCandidate(GpuSpec gpu, Parallelism parallelism, QuantScheme quant, BackendProfile backend,
                              int tokenBudget, boolean chunkedPrefill, SpeculativeDecoding speculative) {
    /** A candidate without speculative decoding. */
    public EngineCandidate(GpuSpec gpu, Parallelism parallelism, QuantScheme quant, BackendProfile backend,
                           int tokenBudget, boolean chunkedPrefill) {
        this(gpu, parallelism, quant, backend, tokenBudget, chunkedPrefill, SpeculativeDecoding.NONE);
    }

    public EngineCandidate {
        Objects.requireNonNull(speculative, "speculative");
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(backend, "backend");
    }

    public int gpus() {
        return parallelism.gpus();
    }

    public String label() {
        return gpu.id() + " " + parallelism + " " + quant.name() + " kv " + quant.kvCache().key() + " " + backend.id()
                + " budget " + tokenBudget + (chunkedPrefill ? "" : " unchunked")
                + (speculative.enabled() ? " spec " + speculative.draftTokens() : "");
    }
}
