package dev.plimsoll.perfmodel.calib;

import java.util.Arrays;

/**
 * How vLLM's Marlin MoE kernel cuts one call into M-blocks, for a token count and a routing.
 *
 * <p>Sources (vLLM {@code model_executor/layers/fused_moe/fused_marlin_moe.py}): {@code fused_marlin_moe}
 * picks {@code block_size_m} as the first of 8, 16, 32, 48, 64 with
 * {@code tokens x topk / localExperts / block_size_m < 0.9} (64 when none is); {@code moe_align_block_size}
 * pads each expert's token list to a multiple of it, and both {@code moe_wna16_marlin_gemm} calls
 * (gate-up, then down) walk that sorted buffer block by block, each block streaming its expert's
 * 4-bit weights and running FP16/BF16 tensor-core MMA on the dequantised tiles (the Marlin kernel,
 * IST-DASLab/marlin README: m16n8k16 MMA, so a block of 8 rows costs as much MMA as one of 16).
 *
 * <p>The routing is the kernel tables' own (aiconfigurator's MoE collectors, {@code balanced_logits} and
 * {@code power_law_logits_v3}): "balanced" spreads tokens x topk over the experts evenly; "power_law_a"
 * draws each expert's share from a power law of exponent a on [1, 0.8 x tokens] (on [0.01, 2] when
 * tokens x topk &lt;= experts), scaled to tokens x topk and rounded. The draw is replaced by its
 * quantiles, which makes the count deterministic.
 *
 * <p>{@code moe_align_block_size} sizes the sorted-token buffer for the worst case,
 * {@code tokens x topk + experts x (block_size_m - 1)} rows (experts: the global count it is given),
 * and the GEMMs' grid walks all of its blocks, those past {@code num_tokens_post_padded} exiting at
 * once: a cost that grows with the experts even where few receive tokens.
 *
 * @param blockRows  block_size_m
 * @param blocks     M-blocks over all local experts (each streams one expert's weights)
 * @param experts    local experts with at least one token
 * @param bufferBlocks blocks of the worst-case sorted-token buffer the grid walks
 */
record MarlinBlocks(int blockRows, long blocks, int experts, long bufferBlocks) {
    /** The block sizes {@code fused_marlin_moe} tries, in order. */
    static final int[] BLOCK_SIZES = {8, 16, 32, 48, 64};
    /** {@code fused_marlin_moe}: a block size is taken while tokens per expert / block size &lt; 0.9. */
    static final double FILL = 0.9;
    /** Rows of one tensor-core MMA (m16n8k16): a smaller block pays for 16 rows. */
    static final int MMA_ROWS = 16;
    /** aiconfigurator's power-law draw: upper bound of an expert's share, as a fraction of the tokens. */
    static final double POWER_LAW_TOP = 0.8;

    /** Rows the tensor cores compute: every block at least {@link #MMA_ROWS}. */
    long mmaRows() {
        return blocks * Math.max(blockRows, MMA_ROWS);
    }

    /** block_size_m for {@code tokens} tokens routed to {@code topK} of {@code localExperts}. */
    static int blockRows(long tokens, int topK, int localExperts) {
        double perExpert = (double) tokens * topK / localExperts;
        for (int b : BLOCK_SIZES) {
            if (perExpert / b < FILL) {
                return b;
            }
        }
        return BLOCK_SIZES[BLOCK_SIZES.length - 1];
    }

    /**
     * The blocks of one rank: its {@code experts / ep} experts receive {@code tokens x topK / ep}
     * assignments routed as {@code distribution} ("balanced" or "power_law_&lt;exponent&gt;"; anything
     * else counts as balanced).
     */
    static MarlinBlocks of(long tokens, int topK, int experts, int ep, String distribution) {
        int local = Math.max(1, experts / Math.max(1, ep));
        long localTokens = Math.max(1, (tokens + ep - 1) / ep);
        int b = blockRows(tokens, topK, local);
        long[] perExpert = assignments(localTokens, Math.min(topK, local), local, distribution);
        long blocks = 0;
        int active = 0;
        for (long n : perExpert) {
            if (n > 0) {
                blocks += (n + b - 1) / b;
                active++;
            }
        }
        long buffer = (tokens * topK + (long) experts * (b - 1) + b - 1) / b;
        return new MarlinBlocks(b, blocks, active, buffer);
    }

    /** Token-expert assignments per expert. */
    static long[] assignments(long tokens, int topK, int experts, String distribution) {
        long total = tokens * topK;
        Double exponent = powerLawExponent(distribution);
        if (exponent == null) {
            long[] out = new long[experts];
            for (int e = 0; e < experts; e++) {
                out[e] = total / experts + (e < total % experts ? 1 : 0);
            }
            return out;
        }
        double lo = total > experts ? 1.0 : 0.01;
        double hi = total > experts ? tokens * POWER_LAW_TOP : 2.0;
        double a = exponent;
        double[] share = new double[experts];
        double sum = 0;
        for (int e = 0; e < experts; e++) {
            double u = (e + 0.5) / experts;
            share[e] = Math.pow((Math.pow(hi, 1 - a) - Math.pow(lo, 1 - a)) * u + Math.pow(lo, 1 - a), 1 / (1 - a));
            sum += share[e];
        }
        long[] out = new long[experts];
        long assigned = 0;
        for (int e = 0; e < experts; e++) {
            out[e] = Math.round(share[e] / sum * total);
            assigned += out[e];
        }
        // the collector adds a missing assignment to the busiest experts and takes a surplus from the idlest
        Integer[] order = new Integer[experts];
        for (int e = 0; e < experts; e++) {
            order[e] = e;
        }
        Arrays.sort(order, (x, y) -> Long.compare(out[y], out[x]));
        for (long i = 0; assigned < total; i++, assigned++) {
            out[order[(int) (i % experts)]]++;
        }
        for (int i = experts - 1; assigned > total; i = i == 0 ? experts - 1 : i - 1) {
            if (out[order[i]] > 0) {
                out[order[i]]--;
                assigned--;
            }
        }
        return out;
    }

    private static Double powerLawExponent(String distribution) {
        String prefix = "power_law_";
        if (distribution == null || !distribution.startsWith(prefix)) {
            return null;
        }
        try {
            double a = Double.parseDouble(distribution.substring(prefix.length()));
            return a > 0 && a != 1.0 ? a : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
