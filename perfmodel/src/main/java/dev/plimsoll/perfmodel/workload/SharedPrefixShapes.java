package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.SplittableRandom;

/**
 * Requests that start with one of {@code groups} shared prompt prefixes (a system prompt, a few-shot
 * template, a document under discussion), followed by a private suffix. Each request picks its
 * group uniformly. The shared part is described by prefix-block ids the way the Mooncake trace does,
 * so the prefix cache and the KV-aware router see the sharing.
 */
public final class SharedPrefixShapes implements RequestShapes {
    /** Ids of group g, block b are g * STRIDE + b + 1, so groups never collide. */
    private static final long GROUP_STRIDE = 1L << 32;

    private final int groups;
    private final int prefixTokens;
    private final int suffixTokens;
    private final int outputTokens;
    private final int hashBlockTokens;

    /**
     * @param groups          number of distinct prefixes
     * @param prefixTokens    shared tokens, a multiple of {@code hashBlockTokens}
     * @param suffixTokens    private tokens after the prefix (at least 1)
     * @param outputTokens    generated tokens
     * @param hashBlockTokens tokens per hashed block
     */
    public SharedPrefixShapes(int groups, int prefixTokens, int suffixTokens, int outputTokens, int hashBlockTokens) {
        if (groups < 1 || suffixTokens < 1 || outputTokens < 1 || hashBlockTokens < 1 || prefixTokens < 0
                || prefixTokens % hashBlockTokens != 0) {
            throw new UserInputException("shared-prefix workload needs groups >= 1, suffix >= 1, output >= 1"
                    + " and a prefix that is a whole number of " + hashBlockTokens + "-token blocks, got groups="
                    + groups + " prefix=" + prefixTokens + " suffix=" + suffixTokens + " output=" + outputTokens);
        }
        this.groups = groups;
        this.prefixTokens = prefixTokens;
        this.suffixTokens = suffixTokens;
        this.outputTokens = outputTokens;
        this.hashBlockTokens = hashBlockTokens;
    }

    @Override
    public RequestShape sample(SplittableRandom random) {
        int group = random.nextInt(groups);
        long[] hashes = new long[prefixTokens / hashBlockTokens];
        for (int b = 0; b < hashes.length; b++) {
            hashes[b] = group * GROUP_STRIDE + b + 1;
        }
        return new RequestShape(prefixTokens + suffixTokens, outputTokens, hashes, hashBlockTokens);
    }
}
