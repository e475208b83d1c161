package dev.plimsoll.perfmodel.workload;

import java.util.Arrays;

/**
 * Sizes of one request, independent of when it arrives.
 *
 * @param inputTokens     prompt tokens (at least 1)
 * @param outputTokens    tokens the request generates (at least 1; the first comes from prefill)
 * @param prefixHashes    ids of the prompt's leading blocks of {@code hashBlockTokens} tokens, each
 *                        id naming the whole prefix up to and including its block (the Mooncake
 *                        trace convention); two requests whose first k ids are equal share their
 *                        first {@code k * hashBlockTokens} prompt tokens. Empty when unknown.
 * @param hashBlockTokens tokens per hashed block (512 in the Mooncake traces); 0 when there are
 *                        no hashes
 */
public record RequestShape(int inputTokens, int outputTokens, long[] prefixHashes, int hashBlockTokens) {
    private static final long[] NO_HASHES = new long[0];

    public RequestShape {
        if (inputTokens < 1 || outputTokens < 1) {
            throw new IllegalArgumentException("a request needs >= 1 input and >= 1 output token, got "
                    + inputTokens + " / " + outputTokens);
        }
        prefixHashes = prefixHashes == null ? NO_HASHES : prefixHashes;
        if (prefixHashes.length > 0 && hashBlockTokens < 1) {
            throw new IllegalArgumentException("prefix hashes need a block size >= 1, got " + hashBlockTokens);
        }
    }

    /** A request without prefix information. */
    public RequestShape(int inputTokens, int outputTokens) {
        this(inputTokens, outputTokens, NO_HASHES, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestShape
                && ((RequestShape) o).inputTokens == inputTokens
                && ((RequestShape) o).outputTokens == outputTokens
                && ((RequestShape) o).hashBlockTokens == hashBlockTokens
                && Arrays.equals(((RequestShape) o).prefixHashes, prefixHashes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * inputTokens + outputTokens) + hashBlockTokens) + Arrays.hashCode(prefixHashes);
    }

    @Override
    public String toString() {
        return "RequestShape[input=" + inputTokens + ", output=" + outputTokens + ", prefixBlocks="
                + prefixHashes.length + "x" + hashBlockTokens + "]";
    }
}
