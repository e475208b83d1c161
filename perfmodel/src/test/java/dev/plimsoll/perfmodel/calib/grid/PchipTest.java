package dev.plimsoll.perfmodel.calib.grid;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PchipTest {
    @Test
    void twoPointsAreLinear() {
        assertEquals(2.5, Pchip.at(new double[]{1, 2}, new double[]{2, 3}, 2, 1.5), 1e-12);
    }

    @Test
    void reproducesTheKnots() {
        double[] xs = {0, 1, 2, 3};
        double[] ys = {0, 1, 4, 9};
        for (int i = 0; i < 4; i++) {
            assertEquals(ys[i], Pchip.at(xs, ys, 4, xs[i]), 1e-12);
        }
    }

    @Test
    void flatAtALocalExtremum() {
        // the middle interval of 0, 1, 1, 0 stays at 1: no overshoot above the data
        assertEquals(1.0, Pchip.at(new double[]{0, 1, 2, 3}, new double[]{0, 1, 1, 0}, 4, 1.5), 1e-12);
    }

    @Property
    void neverLeavesTheBracketOfMonotoneData(@ForAll @DoubleRange(min = 0, max = 5) double a,
                                             @ForAll @DoubleRange(min = 0, max = 5) double b,
                                             @ForAll @DoubleRange(min = 0, max = 5) double c,
                                             @ForAll @DoubleRange(min = 0.001, max = 0.999) @Scale(3) double s) {
        double[] ys = {0, a, a + b, a + b + c};
        double[] xs = {0, 1, 3, 4};
        double v = Pchip.at(xs, ys, 4, 1 + 2 * s);
        assertTrue(v >= a - 1e-9 && v <= a + b + 1e-9, "value " + v + " outside [" + a + ", " + (a + b) + "]");
    }
}
