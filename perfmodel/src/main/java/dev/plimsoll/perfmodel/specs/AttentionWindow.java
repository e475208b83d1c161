package dev.plimsoll.perfmodel.specs;

/** Attention span of one layer; {@code tokens} is 0 for FULL. */
public record AttentionWindow(WindowKind kind, int tokens) {
    public static final AttentionWindow FULL = new AttentionWindow(WindowKind.FULL, 0);

    public AttentionWindow {
        if (kind != WindowKind.FULL && tokens <= 0) {
            throw new IllegalArgumentException(kind + " attention needs a positive window, got " + tokens);
        }
    }

    public static AttentionWindow sliding(int tokens) {
        return new AttentionWindow(WindowKind.SLIDING, tokens);
    }

    public static AttentionWindow chunked(int tokens) {
        return new AttentionWindow(WindowKind.CHUNKED, tokens);
    }

    /** Keys a query at position {@code position} (0-based) attends to. */
    public long keysAt(long position) {
        switch (kind) {
            case SLIDING: return Math.min(position + 1, tokens);
            case CHUNKED: return position % tokens + 1;
            default: return position + 1;
        }
    }

    /** KV entries a request of {@code contextTokens} must keep cached in this layer. */
    public long cachedTokens(long contextTokens) {
        return kind == WindowKind.FULL ? contextTokens : Math.min(contextTokens, tokens);
    }

    public boolean isFull() {
        return kind == WindowKind.FULL;
    }
}
