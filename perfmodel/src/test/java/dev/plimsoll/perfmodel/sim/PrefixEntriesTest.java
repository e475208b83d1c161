package dev.plimsoll.perfmodel.sim;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrefixEntriesTest {
    /** Any sequence of puts and removes leaves the table answering what a HashMap answers. */
    @Property(tries = 200)
    void answersWhatAHashMapAnswers(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int operations) {
        SplittableRandom random = new SplittableRandom(seed);
        PrefixEntries table = new PrefixEntries();
        Map<Long, PrefixCache.Entry> map = new HashMap<>();
        // ids as the workloads make them: group << 32 | block, a few groups, so the probe runs are long
        for (int i = 0; i < operations; i++) {
            long id = ((long) random.nextInt(8) << 32) + 1 + random.nextInt(200);
            if (random.nextInt(3) == 0) {
                table.remove(id);
                map.remove(id);
            } else {
                PrefixCache.Entry e = new PrefixCache.Entry(id, 1);
                table.put(id, e);
                map.put(id, e);
            }
            long probe = ((long) random.nextInt(8) << 32) + 1 + random.nextInt(200);
            assertSame(map.get(probe), table.get(probe));
        }
        assertEquals(map.size(), table.size());
        map.forEach((id, e) -> assertSame(e, table.get(id)));
    }

    @Test
    void removingFromTheMiddleOfAProbeRunKeepsTheRestReachable() {
        PrefixEntries table = new PrefixEntries();
        for (long id = 1; id <= 40; id++) {
            table.put(id, new PrefixCache.Entry(id, 1));
        }
        for (long id = 1; id <= 40; id += 2) {
            table.remove(id);
        }
        for (long id = 1; id <= 40; id++) {
            assertEquals(id % 2 == 0, table.containsKey(id), "id " + id);
        }
        table.remove(1000);
        assertEquals(20, table.size());
        assertNull(table.get(1));
        assertFalse(table.containsKey(39));
        assertTrue(table.containsKey(40));
    }
}
