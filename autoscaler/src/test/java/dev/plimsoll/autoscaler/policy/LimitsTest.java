package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsTest {
    @Test
    void gangsScaleWhole() {
        PoolBounds b = new PoolBounds(2, 12, 8, 4);
        assertEquals(4, b.clamp(1));
        assertEquals(8, b.clamp(5));
        assertEquals(12, b.clamp(30), "max rounded down to whole gangs");
    }

    @Test
    void minAndMax() {
        PoolBounds b = new PoolBounds(2, 5, 1, 1);
        assertEquals(2, b.clamp(0));
        assertEquals(5, b.clamp(9));
        assertThrows(UserInputException.class, () -> new PoolBounds(0, 5, 1, 1));
        assertThrows(UserInputException.class, () -> new PoolBounds(3, 2, 1, 1));
    }

    @Test
    void budgetCutsThePoolHoldingTheMostGpus() {
        Limits l = new Limits(List.of(new PoolBounds(1, 20, 2, 1), new PoolBounds(1, 20, 8, 1)), 48);
        Limits.Clamped c = l.clamp(new int[] {8, 6});
        assertTrue(c.budgetBound());
        assertTrue(l.gpus(c.replicas()) <= 48);
        // 16 + 48 GPUs: decode gives up two workers (16 + 32 = 48)
        assertArrayEquals(new int[] {8, 4}, c.replicas());
        assertFalse(l.clamp(new int[] {2, 2}).budgetBound());
    }
}
