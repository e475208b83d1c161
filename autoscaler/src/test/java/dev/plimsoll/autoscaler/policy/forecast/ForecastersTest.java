package dev.plimsoll.autoscaler.policy.forecast;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastersTest {
    @Test
    void lastValueRepeatsAndIgnoresNonFinite() {
        Forecaster f = Forecaster.of("last");
        assertTrue(Double.isNaN(f.forecast(1)));
        f.observe(3);
        f.observe(Double.NaN);
        f.observe(Double.POSITIVE_INFINITY);
        assertEquals(3, f.forecast(5), 0);
        f.observe(7);
        assertEquals(4, f.errorRms(), 1e-9);
    }

    @Test
    void holtFollowsARampButDampsItsTrendFarOut() {
        Forecaster f = Forecaster.of("holt");
        for (int i = 0; i < 60; i++) {
            f.observe(10 + 2 * i);
        }
        double next = f.forecast(1);
        assertEquals(130, next, 3.0, "one step past 128");
        double far = f.forecast(50);
        assertTrue(far > next && far < 128 + 50 * 2, "damped: " + far);
    }

    @Test
    void holtWintersLearnsASeason() {
        Forecaster f = Forecaster.of("holt-winters:4");
        double[] season = {10, 30, 50, 30};
        for (int i = 0; i < 80; i++) {
            f.observe(season[i % 4]);
        }
        for (int k = 1; k <= 4; k++) {
            assertEquals(season[(80 + k - 1) % 4], f.forecast(k), 2.0, "step " + k);
        }
    }

    @Test
    void kalmanTracksALevelShift() {
        Forecaster f = Forecaster.of("kalman");
        for (int i = 0; i < 30; i++) {
            f.observe(50);
        }
        for (int i = 0; i < 30; i++) {
            f.observe(80);
        }
        assertEquals(80, f.forecast(1), 3.0);
        assertTrue(f.forecast(1) >= 0);
    }

    @Test
    void forecastsAreNeverNegative() {
        Forecaster f = Forecaster.of("holt");
        for (int i = 0; i < 30; i++) {
            f.observe(Math.max(0, 60 - 5 * i));
        }
        assertTrue(f.forecast(20) >= 0);
    }

    @Test
    void unknownNamesAreUserErrors() {
        assertThrows(UserInputException.class, () -> Forecaster.of("arima"));
    }
}
