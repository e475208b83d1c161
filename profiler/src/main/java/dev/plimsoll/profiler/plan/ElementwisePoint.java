package dev.plimsoll.profiler.plan;

/**
 * A memory-bound element-wise kernel over {@code rows} tokens: RMSNorm over the hidden size, or
 * SiLU-and-multiply over the (per-GPU) intermediate size.
 */
public record ElementwisePoint(Kind kind, int rows, int width) {
    public enum Kind {
        RMSNORM("rmsnorm"), SILU_MUL("silu_mul");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Bytes moved: RMSNorm reads and writes the row (and the weight once); SiLU-and-multiply reads two rows. */
    public double bytes() {
        return switch (kind) {
            case RMSNORM -> 2.0 * 2 * rows * width + 2.0 * width;
            case SILU_MUL -> 3.0 * 2 * rows * width;
        };
    }
}
