package dev.plimsoll.perfmodel.specs;

import java.util.Locale;

/** Which weights a checkpoint quantises; the rest stay in bf16. */
public enum QuantScope {
    /** Every linear layer and routed expert (embedding, LM head, router and norms always stay bf16). */
    ALL,
    /** Routed experts only (gpt-oss MXFP4, Kimi-K2.5 INT4): attention and dense FFN stay bf16. */
    EXPERTS,
    /** Attention, dense FFN and shared experts only: routed experts stay bf16. */
    LINEAR;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
