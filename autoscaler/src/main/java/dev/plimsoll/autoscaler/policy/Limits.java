package dev.plimsoll.autoscaler.policy;

import java.util.List;

/**
 * Bounds of every pool and the GPU budget of the whole deployment.
 *
 * @param pools     per pool, in the model's pool order
 * @param gpuBudget most GPUs all pools together may hold; {@link Integer#MAX_VALUE} for none
 */
public record Limits(List<PoolBounds> pools, int gpuBudget) {
    public Limits {
        pools = List.copyOf(pools);
    }

    public PoolBounds pool(int index) {
        return pools.get(index);
    }

    public int gpus(int[] replicas) {
        long n = 0;
        for (int p = 0; p < replicas.length; p++) {
            n += (long) replicas[p] * pools.get(p).gpusPerWorker();
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /**
     * Whole gangs within each pool's bounds, then within the budget: over it, the pool holding the
     * most GPUs above its minimum gives up a gang at a time (so a pool's share shrinks, none
     * starves). Budget-bound results say so through {@link Clamped#budgetBound()}.
     */
    public Clamped clamp(int[] desired) {
        int[] out = new int[desired.length];
        for (int p = 0; p < desired.length; p++) {
            out[p] = pools.get(p).clamp(desired[p]);
        }
        boolean cut = false;
        while (gpus(out) > gpuBudget) {
            int victim = -1;
            long most = -1;
            for (int p = 0; p < out.length; p++) {
                PoolBounds b = pools.get(p);
                if (out[p] - b.gangSize() >= b.minReplicas()) {
                    long held = (long) out[p] * b.gpusPerWorker();
                    if (held > most) {
                        most = held;
                        victim = p;
                    }
                }
            }
            if (victim < 0) {
                break;
            }
            out[victim] -= pools.get(victim).gangSize();
            cut = true;
        }
        return new Clamped(out, cut);
    }

    /** Replicas after {@link #clamp}; {@code budgetBound} when the budget took some away. */
    public record Clamped(int[] replicas, boolean budgetBound) {
    }
}
