package dev.plimsoll.perfmodel.validate;

/**
 * One pool of an InferenceX multinode configuration entry as nvidia-master.yaml declares it: {@code tp}
 * GPUs a worker, expert parallel over {@code ep} of them, attention data parallel over all of them when
 * {@code dpAttention} ({@code dp-attn}). A measured row gives the same facts in AIConfigurator's encoding
 * ({@link PoolLayout}: attention TP and DP, MoE TP and EP).
 */
record DeclaredPool(int tp, int ep, boolean dpAttention) {
    private int attentionTp() {
        return dpAttention ? 1 : tp;
    }

    /** Attention ranks a worker runs: its GPUs with {@code dp-attn}, else 1. */
    int attentionDp() {
        return dpAttention ? tp : 1;
    }

    /** Whether a row's layout columns say this. */
    boolean describes(PoolLayout pool) {
        return pool.tp() == attentionTp() && pool.dp() == attentionDp() && Math.max(1, pool.moeEp()) == ep;
    }

    /** This layout with {@code workers} workers of {@code batch} requests an attention rank. */
    PoolLayout layout(int workers, int batch) {
        return new PoolLayout(attentionTp(), 1, attentionDp(), tp / ep, ep, workers, batch);
    }

    /**
     * {@code pool} launched this way: attention over the GPUs or data parallel across them, the experts
     * over {@code ep} ranks and tensor parallel over the rest. The batch per attention rank keeps the
     * pool's requests in flight (a row's decode batch is the clients per worker and rank).
     */
    PoolLayout applyTo(PoolLayout pool) {
        int inFlight = pool.batch() * Math.max(1, pool.dp());
        int batch = pool.batch() <= 0 ? pool.batch() : Math.max(1, (inFlight + attentionDp() - 1) / attentionDp());
        PoolLayout launched = layout(pool.workers(), batch);
        return new PoolLayout(launched.tp(), pool.pp(), launched.dp(), launched.moeTp(), launched.moeEp(),
                launched.workers(), launched.batch());
    }

    /** A transcription cell {@code tp/ep/tp|dp}: {@code 8/8/dp} is attention data parallel over 8 GPUs. */
    static DeclaredPool parse(String cell) {
        String[] f = cell.split("/", -1);
        return new DeclaredPool(Integer.parseInt(f[0]), Integer.parseInt(f[1]), "dp".equals(f[2]));
    }
}
