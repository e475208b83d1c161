package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadSpecTest {

    @Test
    void aSharedPrefixIsCountedInWholeCacheBlocks() {
        WorkloadSpec w = WorkloadSpec.fixed(4000, 500, 500);
        assertEquals(496.0, w.meanCachedTokens(), "a 500-token prefix fills 31 blocks of 16");
        var shape = w.shapes().sample(new SplittableRandom(1));
        assertEquals(31, shape.prefixHashes().length);
        assertEquals(4000, shape.inputTokens());
    }

    @Test
    void aPrefixHitRateSharesThePrefixWithThatShareOfRequests() {
        WorkloadSpec w = WorkloadSpec.fixed(4000, 500, 500, 0.25);
        assertEquals(0.25 * 496, w.meanCachedTokens(), 1e-9);
        SplittableRandom random = new SplittableRandom(7);
        int withPrefix = 0;
        for (int i = 0; i < 4000; i++) {
            if (w.shapes().sample(random).prefixHashes().length > 0) {
                withPrefix++;
            }
        }
        assertEquals(1000, withPrefix, 90, "about a quarter of the requests carry the prefix");
        assertThrows(UserInputException.class, () -> WorkloadSpec.fixed(4000, 500, 500, 1.5));
    }

    @Test
    void aPrefixMustBeShorterThanThePrompt() {
        assertThrows(UserInputException.class, () -> WorkloadSpec.fixed(100, 10, 100));
        assertThrows(UserInputException.class, () -> WorkloadSpec.fixed(100, 10, -1));
    }

    @Test
    void traceSizesGiveTheTraceDistribution() {
        WorkloadSpec w = WorkloadSpec.fromTrace(Plans.sharedData().resolve("traces/azure_llm_2023_code.csv"), 0);
        // shared/data/README.md: the code trace has mean ISL 2,048 and mean OSL 28
        assertEquals(2048, w.meanInputTokens(), 30);
        assertEquals(28, w.meanOutputTokens(), 2);
        assertTrue(w.inputQuantile(0.9) > w.inputQuantile(0.5));
        assertEquals(0.0, w.meanCachedTokens());
        assertTrue(w.maxContextTokens() >= w.inputQuantile(1.0));
    }
}
