package dev.plimsoll.perfmodel.specs;

/** Closed-form sums of attended keys over a run of query positions, per window kind. */
public final class AttentionSpan {
    private AttentionSpan() {
    }

    /**
     * Keys attended in total by queries at positions {@code prefix .. prefix + queries - 1}
     * (causal), each attending per {@link AttentionWindow#keysAt(long)}.
     */
    public static double keysSum(AttentionWindow window, long prefix, long queries) {
        if (queries <= 0) {
            return 0;
        }
        long first = prefix;
        long last = prefix + queries - 1;
        switch (window.kind()) {
            case FULL:
                return arithmeticSum(first + 1, last + 1);
            case SLIDING: {
                long w = window.tokens();
                // positions p with p + 1 <= w attend p + 1 keys, the rest attend w
                long growingEnd = Math.min(last, w - 1);
                double sum = 0;
                if (first <= growingEnd) {
                    sum += arithmeticSum(first + 1, growingEnd + 1);
                }
                long flat = last - Math.max(first, w) + 1;
                if (flat > 0) {
                    sum += (double) flat * w;
                }
                return sum;
            }
            case CHUNKED: {
                long c = window.tokens();
                double sum = 0;
                long p = first;
                while (p <= last) {
                    long chunkEnd = Math.min(last, (p / c + 1) * c - 1);
                    sum += arithmeticSum(p % c + 1, chunkEnd % c + 1);
                    p = chunkEnd + 1;
                }
                return sum;
            }
            default:
                throw new IllegalStateException(window.kind().toString());
        }
    }

    private static double arithmeticSum(long from, long to) {
        return (double) (from + to) * (to - from + 1) / 2.0;
    }
}
