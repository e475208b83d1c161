package dev.plimsoll.optimizer.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SideBySideTest {
    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** Three levels nested as the confirming pass nests them, on the planner's two-worker pool. */
    @Test
    void nestedPiecesReturnInInputOrderNullsIncluded() {
        ForkJoinPool pool = Planner.pool(2);
        try {
            List<List<Integer>> out = pool.submit(() -> SideBySide.map(range(3), a -> {
                List<Integer> sums = SideBySide.map(range(4), b -> b == 2 ? null
                        : SideBySide.map(range(5), c -> 100 * a + 10 * b + c).stream().mapToInt(x -> x).sum());
                return sums;
            })).join();
            assertEquals(Arrays.asList(10, 60, null, 160), out.get(0));
            assertEquals(Arrays.asList(510, 560, null, 660), out.get(1));
            assertEquals(Arrays.asList(1010, 1060, null, 1160), out.get(2));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFailingPieceFailsTheWholeAndWorksOutsideAPool() {
        assertThrows(IllegalStateException.class, () -> SideBySide.map(range(4), i -> {
            if (i == 3) {
                throw new IllegalStateException("piece " + i);
            }
            return i;
        }));
        SideBySide.Piece<String> p = SideBySide.start(() -> "done");
        assertEquals("done", p.await());
        assertEquals(List.of(), SideBySide.map(List.of(), i -> i));
    }
}
