package dev.plimsoll.perfmodel.parallel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParallelismTest {
    @Test
    void replicaUsesTpTimesDpTimesPpGpus() {
        Parallelism p = new Parallelism(2, 2, 8, 4);
        assertEquals(16, p.gpus());
        assertEquals(8, p.stageGpus());
        assertEquals(1, p.moeTp());
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThrows(IllegalArgumentException.class, () -> new Parallelism(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Parallelism(1, 1, -2, 1));
    }
}
