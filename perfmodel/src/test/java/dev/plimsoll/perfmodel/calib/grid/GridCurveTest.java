package dev.plimsoll.perfmodel.calib.grid;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridCurveTest {
    /** A 1-D curve with values v at coordinates x. */
    private static GridCurve line(double[] x, double[] v) {
        List<double[]> coords = new ArrayList<>();
        for (double c : x) {
            coords.add(new double[]{c});
        }
        return GridCurve.of(coords, v, new int[x.length], 0.1);
    }

    @Test
    void exactHitReturnsTheMeasuredValue() {
        GridCurve g = line(new double[]{0, 1, 2, 3}, new double[]{5, 7, 6, 9});
        Estimate e = g.at(new double[]{2});
        assertEquals(6, e.value());
        assertTrue(e.exact());
        assertEquals(0, e.penalty());
    }

    @Test
    void betweenTwoPointsIsLinearAndBracketed() {
        GridCurve g = line(new double[]{0, 4}, new double[]{1, 3});
        Estimate e = g.at(new double[]{1});
        assertEquals(1.5, e.value(), 1e-12);
        assertFalse(e.exact());
        assertFalse(e.extrapolated());
    }

    @Test
    void boundaryValueIsHeldOutsideWithAPenalty() {
        GridCurve g = line(new double[]{0, 1, 2}, new double[]{1, 2, 4});
        Estimate above = g.at(new double[]{5});
        assertEquals(4, above.value());
        assertTrue(above.extrapolated());
        // penalty grows with the distance and the slope at the boundary (2 per unit here)
        assertEquals(2 * 3, above.penalty(), 1e-6);
        Estimate below = g.at(new double[]{-1});
        assertEquals(1, below.value());
        assertEquals(1, below.penalty(), 1e-6);
    }

    @Test
    void singlePointAxisHoldsItsOnlyValue() {
        GridCurve g = line(new double[]{3}, new double[]{0.7});
        assertEquals(0.7, g.at(new double[]{3}).value());
        assertTrue(g.at(new double[]{3}).exact());
        Estimate away = g.at(new double[]{10});
        assertEquals(0.7, away.value());
        assertTrue(away.extrapolated());
    }

    @Test
    void holesAreSteppedOver() {
        // 2-D grid 3 x 3 with the centre missing: reading the centre interpolates its neighbours
        List<double[]> coords = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                if (a == 1 && b == 1) {
                    continue;
                }
                coords.add(new double[]{a, b});
                values.add(a + 10.0 * b);
            }
        }
        GridCurve g = GridCurve.of(coords, values.stream().mapToDouble(Double::doubleValue).toArray(),
                new int[coords.size()], 0);
        Estimate centre = g.at(new double[]{1, 1});
        assertEquals(11, centre.value(), 1e-9);
        assertFalse(centre.exact());
        assertFalse(centre.extrapolated());
        assertEquals(8, g.points());
    }

    @Test
    void triangularDomainPrefersTheBracketedReading() {
        // measured where a + b <= 2, like batch x length tables that stop at a token budget: (2, 1)
        // lies outside on both axes, so both reading orders hold a boundary value and the one with
        // the smaller penalty (the flatter axis) wins
        List<double[]> coords = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int a = 0; a <= 2; a++) {
            for (int b = 0; b <= 2 - a; b++) {
                coords.add(new double[]{a, b});
                // flat along a, steep along b
                values.add(5.0 * b);
            }
        }
        GridCurve g = GridCurve.of(coords, values.stream().mapToDouble(Double::doubleValue).toArray(),
                new int[coords.size()], 0);
        Estimate e = g.at(new double[]{2, 1});
        assertTrue(e.extrapolated());
        // holding along the flat axis a (from (1, 1)) is exact; holding along b would give 0
        assertEquals(5.0, e.value(), 1e-9);
    }

    @Property
    void exactHitsAreAlwaysTheStoredValue(@ForAll @DoubleRange(min = -3, max = 3) double v0,
                                          @ForAll @DoubleRange(min = -3, max = 3) double v1,
                                          @ForAll @DoubleRange(min = -3, max = 3) double v2) {
        GridCurve g = line(new double[]{1, 2, 5}, new double[]{v0, v1, v2});
        assertEquals(v0, g.at(new double[]{1}).value());
        assertEquals(v1, g.at(new double[]{2}).value());
        assertEquals(v2, g.at(new double[]{5}).value());
    }

    @Property
    void interpolationStaysWithinTheNeighbours(@ForAll @DoubleRange(min = -3, max = 3) double v0,
                                               @ForAll @DoubleRange(min = -3, max = 3) double v1,
                                               @ForAll @DoubleRange(min = -3, max = 3) double v2,
                                               @ForAll @DoubleRange(min = -3, max = 3) double v3,
                                               @ForAll @DoubleRange(min = 1, max = 2) double x) {
        GridCurve g = line(new double[]{0, 1, 2, 3}, new double[]{v0, v1, v2, v3});
        double v = g.at(new double[]{x}).value();
        assertTrue(v >= Math.min(v1, v2) - 1e-9 && v <= Math.max(v1, v2) + 1e-9);
    }
}
