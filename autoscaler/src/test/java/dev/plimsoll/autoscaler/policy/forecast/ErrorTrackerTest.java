package dev.plimsoll.autoscaler.policy.forecast;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorTrackerTest {
    @Test
    void theSpreadOfNormalErrorsIsTheirStandardDeviation() {
        ErrorTracker t = new ErrorTracker();
        SplittableRandom r = new SplittableRandom(5);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 20_000; i++) {
            t.record(0, 3 * r.nextGaussian());
            if (i >= 100) {
                sum += t.rms();
                n++;
            }
        }
        // clipped at 2 sigma and rescaled by the consistency constant: still sigma on average
        assertEquals(3.0, sum / n, 0.15);
    }

    @Test
    void oneOutlierWidensTheSpreadByABoundedStep() {
        ErrorTracker t = new ErrorTracker();
        for (int i = 0; i < 30; i++) {
            t.record(0, i % 2 == 0 ? 2 : -2);
        }
        double before = t.rms();
        t.record(0, 1000);
        // at most a 2-sigma error enters: sqrt(0.9 + 0.1 * 4 / 0.9205) = 1.15 times wider
        assertTrue(t.rms() <= 1.16 * before, before + " -> " + t.rms());
        assertTrue(t.rms() > before);
    }

    @Test
    void aLastingRiseInVolatilityIsFollowed() {
        ErrorTracker t = new ErrorTracker();
        for (int i = 0; i < 30; i++) {
            t.record(0, i % 2 == 0 ? 1 : -1);
        }
        for (int i = 0; i < 30; i++) {
            t.record(0, i % 2 == 0 ? 10 : -10);
        }
        assertTrue(t.rms() > 8, String.valueOf(t.rms()));
    }
}
