package dev.plimsoll.optimizer.analytic;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueModelTest {

    @Test
    void erlangCMatchesClosedForms() {
        // one server: an arrival waits with probability rho
        assertEquals(0.7, QueueModel.erlangC(1, 0.7), 1e-12);
        // two servers at offered load 1: C = 1/3 (textbook M/M/2 value)
        assertEquals(1.0 / 3.0, QueueModel.erlangC(2, 1.0), 1e-12);
        assertEquals(1.0, QueueModel.erlangC(4, 4.0), 1e-12);
    }

    @Test
    void singleServerMeanIsPollaczekKhinchine() {
        double s = 100;
        double rho = 0.6;
        assertEquals(rho * s / (2 * (1 - rho)), QueueModel.meanWaitMs(rho, s), 1e-9);
        // the pooled form with one server agrees with the single-server one
        assertEquals(QueueModel.meanWaitMs(rho, s), QueueModel.meanWaitMs(1, s, rho / s), 1e-9);
    }

    @Test
    void nobodyWaitsAtTheQuantileWhenFewerThanTheTailWait() {
        assertEquals(0.0, QueueModel.waitQuantileMs(0.05, 100, 0.9));
        assertTrue(QueueModel.waitQuantileMs(0.5, 100, 0.9) > 0);
        assertEquals(Double.POSITIVE_INFINITY, QueueModel.waitQuantileMs(1.0, 100, 0.9));
    }

    @Test
    void maxUtilisationInvertsTheQuantile() {
        double rho = QueueModel.maxUtilisation(80, 0.9, 50);
        assertEquals(50, QueueModel.waitQuantileMs(rho, 80, 0.9), 1e-3);
        assertEquals(0.0, QueueModel.maxUtilisation(80, 0.9, -1));
    }

    @Property(tries = 200)
    void pooledWaitGrowsWithLoadAndShrinksWithServers(@ForAll @IntRange(min = 1, max = 32) int servers,
                                                      @ForAll @DoubleRange(min = 0.05, max = 0.9) double rho) {
        double s = 50;
        double rate = rho * servers / s;
        double w = QueueModel.waitQuantileMs(servers, s, rate, 0.9);
        double heavier = QueueModel.waitQuantileMs(servers, s, rate * 1.05, 0.9);
        double moreServers = QueueModel.waitQuantileMs(servers + 1, s, rate, 0.9);
        assertTrue(heavier >= w, "more load never waits less");
        assertTrue(moreServers <= w, "another server never makes the wait longer");
        assertTrue(QueueModel.meanWaitMs(servers, s, rate) <= QueueModel.meanWaitMs(servers, s, rate * 1.05));
    }
}
