package dev.plimsoll.perfmodel.workload;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** aiperf's synthetic dataset: a pool of distinct prompts, sent again in shuffled passes. */
class DatasetPoolShapesTest {
    @Test
    void everyEntryIsSentOncePerPassAndAgainWithTheSamePrompt() {
        DatasetPoolShapes pool = new DatasetPoolShapes(5, RequestShapes.uniform(800, 1000, 100, 120));
        SplittableRandom random = new SplittableRandom(7);
        Map<Long, RequestShape> byFirstBlock = new HashMap<>();
        Map<Long, Integer> sends = new HashMap<>();
        for (int i = 0; i < 15; i++) {
            RequestShape s = pool.sample(random);
            long first = s.prefixHashes()[0];
            RequestShape earlier = byFirstBlock.putIfAbsent(first, s);
            if (earlier != null) {
                assertEquals(earlier.inputTokens(), s.inputTokens(), "an entry keeps its lengths");
                assertArrayEquals(earlier.prefixHashes(), s.prefixHashes(), "and its whole prompt");
            }
            sends.merge(first, 1, Integer::sum);
            if (i % 5 == 4) {
                int pass = i / 5 + 1;
                sends.values().forEach(n -> assertEquals(pass, n, "shuffled without replacement: " + sends));
            }
        }
        assertEquals(5, byFirstBlock.size(), "five distinct prompts");
        RequestShape any = byFirstBlock.values().iterator().next();
        assertEquals(any.inputTokens() / DatasetPoolShapes.HASH_BLOCK_TOKENS, any.prefixHashes().length);
    }

    @Test
    void anEmptyPoolIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DatasetPoolShapes(0, RequestShapes.fixed(10, 10)));
    }
}
