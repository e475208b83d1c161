package dev.plimsoll.perfmodel.specs;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AttentionSpanTest {

    private static double bruteForce(AttentionWindow w, long prefix, long queries) {
        double sum = 0;
        for (long p = prefix; p < prefix + queries; p++) {
            sum += w.keysAt(p);
        }
        return sum;
    }

    @Property(tries = 300)
    void closedFormMatchesPositionByPositionSum(@ForAll @IntRange(min = 0, max = 3000) int prefix,
                                                @ForAll @IntRange(min = 0, max = 3000) int queries,
                                                @ForAll @IntRange(min = 1, max = 700) int window) {
        for (AttentionWindow w : new AttentionWindow[] {AttentionWindow.FULL, AttentionWindow.sliding(window),
                AttentionWindow.chunked(window)}) {
            assertEquals(bruteForce(w, prefix, queries), AttentionSpan.keysSum(w, prefix, queries), 1e-6, w.toString());
        }
    }

    @Test
    void causalPrefillAttendsHalfTheSquare() {
        // 4 queries from scratch attend 1 + 2 + 3 + 4 keys
        assertEquals(10.0, AttentionSpan.keysSum(AttentionWindow.FULL, 0, 4));
        // a decode step at context 1000 attends 1001 keys (itself included)
        assertEquals(1001.0, AttentionSpan.keysSum(AttentionWindow.FULL, 1000, 1));
    }

    @Test
    void slidingWindowCapsKeysPerQuery() {
        assertEquals(128.0, AttentionSpan.keysSum(AttentionWindow.sliding(128), 5000, 1));
        assertEquals(1.0 + 2 + 2 + 2, AttentionSpan.keysSum(AttentionWindow.sliding(2), 0, 4));
    }

    @Test
    void chunkedAttentionRestartsAtChunkBoundaries() {
        // chunk 3: positions 0..5 attend 1,2,3,1,2,3
        assertEquals(12.0, AttentionSpan.keysSum(AttentionWindow.chunked(3), 0, 6));
        assertEquals(3.0, AttentionSpan.keysSum(AttentionWindow.chunked(3), 5, 1));
    }
}
