package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.parallel.Parallelism;

/**
 * One pool of a measured deployment as the benchmark recorded it.
 *
 * @param tp      attention tensor parallel size
 * @param pp      pipeline parallel size
 * @param dp      attention data parallel size
 * @param moeTp   MoE tensor parallel size
 * @param moeEp   MoE expert parallel size
 * @param workers engines in the pool; 0 when the benchmark did not record it
 * @param batch   running batch per attention-DP rank; 0 when not recorded
 */
public record PoolLayout(int tp, int pp, int dp, int moeTp, int moeEp, int workers, int batch) {
    public Parallelism parallelism() {
        return new Parallelism(tp, pp, Math.max(1, moeEp), dp);
    }

    public int gpus() {
        return tp * pp * dp;
    }

    @Override
    public String toString() {
        return parallelism().toString() + (workers > 0 ? " x" + workers : "");
    }
}
