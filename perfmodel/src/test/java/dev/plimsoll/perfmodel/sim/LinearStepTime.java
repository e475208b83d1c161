package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.ops.StepBatch;

/**
 * A synthetic step time whose closed forms are easy:
 * {@code fixed + perPrefillToken x prefill tokens + perDecode x decodes + perContextToken x decodes x context}.
 */
record LinearStepTime(double fixedMs, double perPrefillTokenMs, double perDecodeMs, double perContextTokenMs)
        implements StepTimeModel {

    /** Llama-3.1-8B on one H100, roughly: 6.5 ms per step, 0.055 ms per prefill token, 40 ns per KV token read. */
    static final LinearStepTime LLAMA_8B_H100 = new LinearStepTime(6.5, 0.055, 0.0, 0.00004);

    @Override
    public double stepMs(StepBatch b) {
        return fixedMs + perPrefillTokenMs * b.prefillRequests() * b.prefillTokens()
                + perDecodeMs * b.decodeRequests()
                + perContextTokenMs * b.decodeRequests() * b.decodeContextTokens();
    }

    double prefillMs(int tokens) {
        return fixedMs + perPrefillTokenMs * tokens;
    }

    double decodeMs(int requests, long context) {
        return fixedMs + perDecodeMs * requests + perContextTokenMs * requests * context;
    }
}
