package dev.plimsoll.perfmodel.validate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LargestFirstTest {
    @Test
    void oneThreadTakesTheJobsLargestFirstAndEqualOnesInTheirOrder() {
        List<Integer> started = new ArrayList<>();
        List<String> items = List.of("b:2", "a:7", "c:2", "d:9", "e:1");
        LargestFirst.map(items, LargestFirstTest::weight, item -> {
            started.add(items.indexOf(item));
            return item;
        }, 1);
        assertEquals(List.of(3, 1, 0, 2, 4), started);
    }

    @Test
    void resultsComeBackInTheItemsOrderWhateverThreadRanThem() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add("x" + i + ":" + (i * 37 % 101));
        }
        List<String> upper = LargestFirst.map(items, LargestFirstTest::weight, String::toUpperCase, 4);
        List<String> expected = new ArrayList<>();
        for (String item : items) {
            expected.add(item.toUpperCase());
        }
        assertEquals(expected, upper);
    }

    @Test
    void aFailingJobLeavesAsItselfAndNoNewJobStartsAfterIt() {
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException cancel = new IllegalStateException("cancelled");
        List<String> items = Collections.nCopies(50, "job:1");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> LargestFirst.map(items, LargestFirstTest::weight, item -> {
                    if (ran.incrementAndGet() == 3) {
                        throw cancel;
                    }
                    return item;
                }, 1));
        assertSame(cancel, thrown);
        assertEquals(3, ran.get(), "the jobs after the failure were not taken");
    }

    @Test
    void moreThreadsThanJobsAndNoJobsAtAll() {
        assertEquals(List.of("A:1"), LargestFirst.map(List.of("a:1"), LargestFirstTest::weight, String::toUpperCase, 8));
        assertTrue(LargestFirst.map(List.<String>of(), LargestFirstTest::weight, String::toUpperCase, 2).isEmpty());
    }

    @Test
    void aRowsWorkGrowsWithItsClientsAndOutputLength() {
        MeasuredDeployment small = row(4, 1024);
        assertEquals(4 * 1025L, MeasuredValidation.simulatedWork(small));
        assertTrue(MeasuredValidation.simulatedWork(row(64, 1024)) > MeasuredValidation.simulatedWork(small));
        assertTrue(MeasuredValidation.simulatedWork(row(4, 8192)) > MeasuredValidation.simulatedWork(small));
        assertEquals(1025L, MeasuredValidation.simulatedWork(row(0, 1024)), "no recorded clients counts as one");
    }

    private static long weight(String item) {
        return Long.parseLong(item.substring(item.indexOf(':') + 1));
    }

    private static MeasuredDeployment row(int clients, int osl) {
        return new MeasuredDeployment("r", 2, clients, "vllm", "", "m", "h200_sxm", false, 1024, osl, "", "",
                null, null, null, 1.0, 1.0);
    }
}
