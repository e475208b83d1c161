package dev.plimsoll.perfmodel.cost;

import java.util.Optional;

/**
 * The attention backend SGLang was launched with ({@code --attention-backend}), where the kernel tables
 * time several at the same configuration: AIConfigurator's SGLang collector times {@code trtllm_mha},
 * {@code flashinfer} and {@code triton} prefill and decode attention on Blackwell
 * ({@code collector/sglang/collect_attn.py}), 1.2-3x apart at some shapes, while the engine runs the
 * one its launch names, or its own default (server_args {@code _handle_attention_backend_compatibility}:
 * {@code trtllm_mha} on SM100; {@code _handle_mamba_radix_cache}: {@code triton} for Qwen3-Next and
 * Qwen3.5 in v0.5.9).
 */
public enum SglangAttentionBackend {
    /** The launch's choice is not known: the tables' fastest at each configuration. */
    ANY(""),
    /** {@code --attention-backend trtllm_mha}. */
    TRTLLM_MHA("trtllm_mha"),
    /** {@code --attention-backend flashinfer}. */
    FLASHINFER("flashinfer"),
    /** {@code --attention-backend triton}. */
    TRITON("triton");

    private final String label;

    SglangAttentionBackend(String label) {
        this.label = label;
    }

    /** The kernel class to read in the tables (the collector's {@code kernel_source}); "" for any. */
    public String tableClass() {
        return label;
    }

    /** The class of an attention row's {@code kernel_source} among these backends; "" for any other kernel. */
    public static String classOf(String kernelSource) {
        return byLabel(kernelSource).map(SglangAttentionBackend::tableClass).orElse("");
    }

    /** The backend SGLang names {@code label} ({@code trtllm_mha}, {@code flashinfer}, {@code triton}), if one. */
    public static Optional<SglangAttentionBackend> byLabel(String label) {
        for (SglangAttentionBackend b : values()) {
            if (!b.label.isEmpty() && b.label.equals(label)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
