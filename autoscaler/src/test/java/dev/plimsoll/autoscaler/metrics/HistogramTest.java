package dev.plimsoll.autoscaler.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistogramTest {
    @Test
    void quantileInterpolatesInsideItsBucketAsPrometheusDoes() {
        Histogram h = new Histogram(new double[] {0.1, 0.2, 0.4});
        for (int i = 0; i < 50; i++) {
            h.observe(0.05);
        }
        for (int i = 0; i < 50; i++) {
            h.observe(0.3);
        }
        // rank 90 of 100: 40 of the 50 in (0.2, 0.4]
        assertEquals(0.2 + 0.2 * 40 / 50.0, h.quantile(0.9), 1e-12);
        assertEquals(0.1, h.quantile(0.5), 1e-12);
        assertEquals(100, h.count());
    }

    @Test
    void aboveTheLastBoundAnswersTheLastBound() {
        Histogram h = new Histogram(new double[] {1, 2});
        h.observe(50);
        assertEquals(2, h.quantile(0.99), 0);
    }

    @Test
    void windowsAreDifferencesOfCumulativeCounts() {
        Histogram h = new Histogram(Histogram.VLLM_ITL_BUCKETS_S);
        h.observe(0.3, 100);
        Histogram then = h.copy();
        h.observe(0.02, 100);
        Histogram window = h.minus(then);
        assertEquals(100, window.count());
        assertTrue(window.quantile(0.9) <= 0.025);
        assertTrue(Double.isNaN(new Histogram(new double[] {1}).quantile(0.9)));
    }
}
