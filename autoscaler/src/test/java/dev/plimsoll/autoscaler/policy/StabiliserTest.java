package dev.plimsoll.autoscaler.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class StabiliserTest {
    @Test
    void scaleDownTakesTheHighestRecommendationOfTheWindow() {
        Stabiliser s = new Stabiliser(1, 0, 300_000);
        assertArrayEquals(new int[] {5}, s.apply(0, new int[] {5}, new int[] {5}));
        assertArrayEquals(new int[] {5}, s.apply(100_000, new int[] {5}, new int[] {2}));
        assertArrayEquals(new int[] {5}, s.apply(299_000, new int[] {5}, new int[] {2}));
        assertArrayEquals(new int[] {2}, s.apply(301_000, new int[] {5}, new int[] {2}));
    }

    @Test
    void aRecommendationExactlyAWindowOldNoLongerHolds() {
        // the HPA keeps the recommendations after now - window: at a 15 s period a 30 s window is two
        Stabiliser s = new Stabiliser(1, 0, 30_000);
        assertArrayEquals(new int[] {8}, s.apply(0, new int[] {8}, new int[] {8}));
        assertArrayEquals(new int[] {8}, s.apply(15_000, new int[] {8}, new int[] {7}));
        assertArrayEquals(new int[] {7}, s.apply(30_000, new int[] {8}, new int[] {7}));
    }

    @Test
    void scaleUpPassesAtOnceWithoutAnUpWindow() {
        Stabiliser s = new Stabiliser(1, 0, 300_000);
        assertArrayEquals(new int[] {9}, s.apply(0, new int[] {3}, new int[] {9}));
    }

    @Test
    void aFreshStabiliserRemembersTheSizeItFound() {
        Stabiliser s = new Stabiliser(2, 0, 60_000);
        assertArrayEquals(new int[] {4, 6}, s.apply(0, new int[] {4, 6}, new int[] {1, 1}));
        assertArrayEquals(new int[] {1, 1}, s.apply(61_000, new int[] {4, 6}, new int[] {1, 1}));
    }

    @Test
    void anUpWindowTakesTheLowestRecommendation() {
        Stabiliser s = new Stabiliser(1, 30_000, 0);
        s.apply(0, new int[] {3}, new int[] {3});
        assertArrayEquals(new int[] {3}, s.apply(10_000, new int[] {3}, new int[] {8}));
        assertArrayEquals(new int[] {8}, s.apply(45_000, new int[] {3}, new int[] {8}));
    }
}
