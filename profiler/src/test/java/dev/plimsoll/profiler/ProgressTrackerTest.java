package dev.plimsoll.profiler;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTrackerTest {
    @Test
    void reportsAtMostEveryFewSecondsWithAnEtaScaledByThePaceSoFar() {
        AtomicLong now = new AtomicLong();
        List<String> lines = new ArrayList<>();
        // 4 points estimated at 10 s each; they take 20 s each
        ProgressTracker t = new ProgressTracker(4, 40, 0, lines::add, now::get);
        now.set(20_000_000_000L);
        t.done("gemm a", 10);
        assertEquals(List.of("profile: 1/4 points (25%), 20s elapsed, about 1m00s left: gemm a"), lines);
        now.addAndGet(1_000_000_000L);
        t.done("gemm b", 10);
        assertEquals(1, lines.size(), "one line per 5 s at most");
        now.addAndGet(39_000_000_000L);
        t.done("gemm c", 10);
        t.done("gemm d", 10);
        assertEquals("profile: 4/4 points (100%), 1m00s elapsed, about 0s left: gemm d", lines.get(lines.size() - 1));
        assertFalse(t.stopRequested(), "no time limit");
    }

    @Test
    void theTimeLimitStopsTheRunOnce() {
        AtomicLong now = new AtomicLong();
        List<String> lines = new ArrayList<>();
        ProgressTracker t = new ProgressTracker(10, 100, 30, lines::add, now::get);
        assertFalse(t.stopRequested());
        now.set(31_000_000_000L);
        assertTrue(t.stopRequested());
        assertTrue(t.stopRequested());
        assertTrue(t.stopped());
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("profile: time limit of 30s reached after 0/10 points"), lines.get(0));
    }
}
