package dev.plimsoll.perfmodel.calib.grid;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeSetTest {
    /** A shape whose curve is the constant {@code value} over grid points 0..3, with a label. */
    private static GridCurve flat(double value, int label, double floorMs) {
        List<double[]> coords = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            coords.add(new double[]{i});
        }
        int[] labels = {label, label, label, label};
        return GridCurve.of(coords, new double[]{value, value, value, value}, labels, floorMs);
    }

    private static ShapeSet grid(double[][] shapes, double[] values, int[] labels) {
        List<double[]> s = new ArrayList<>();
        List<GridCurve> c = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            s.add(shapes[i]);
            c.add(flat(values[i], labels[i], 0.01 * (i + 1)));
        }
        return new ShapeSet(s, c);
    }

    @Test
    void measuredShapeIsReadDirectly() {
        ShapeSet set = grid(new double[][]{{1, 1}, {2, 1}}, new double[]{0.5, 0.9}, new int[]{0, 0});
        ShapeEstimate e = set.at(new double[]{2, 1}, new double[]{1});
        assertEquals(0.9, e.value());
        assertTrue(e.measuredShape());
        assertTrue(e.exactPoint());
        assertEquals(0.02, e.floorMs(), 1e-12);
    }

    @Test
    void unseenShapeBetweenTwoIsInterpolatedAlongTheAxis() {
        ShapeSet set = grid(new double[][]{{1, 5}, {3, 5}}, new double[]{0.0, 1.0}, new int[]{0, 0});
        ShapeEstimate e = set.at(new double[]{2, 5}, new double[]{0});
        assertFalse(e.measuredShape());
        assertEquals(0.5, e.value(), 1e-12);
        assertEquals(0, e.penalty());
        // the fixed part is interpolated in log space between 0.01 and 0.02
        assertEquals(Math.sqrt(0.01 * 0.02), e.floorMs(), 1e-12);
    }

    @Test
    void bracketsOfOneKernelLabelWinOverMixedOnes() {
        // along axis 0 the neighbours come from different kernels (labels 0 and 1), along axis 1 from
        // the same kernel: the same-kernel reading is used
        ShapeSet set = grid(new double[][]{{1, 2}, {3, 2}, {2, 1}, {2, 3}}, new double[]{0, 10, 4, 4},
                new int[]{0, 1, 2, 2});
        assertEquals(4, set.at(new double[]{2, 2}, new double[]{1}).value(), 1e-12);
    }

    @Test
    void withoutAnyShapeOnItsLinesTheNearestShapeIsUsed() {
        ShapeSet set = grid(new double[][]{{1, 1}, {5, 5}}, new double[]{0.2, 0.8}, new int[]{0, 0});
        ShapeEstimate e = set.at(new double[]{2, 2}, new double[]{0});
        assertEquals(0.2, e.value());
        assertFalse(e.measuredShape());
        assertTrue(e.penalty() > 0);
    }

    @Test
    void beyondTheLastShapeTheBoundaryShapeIsHeld() {
        ShapeSet set = grid(new double[][]{{1, 0}, {2, 0}}, new double[]{0.3, 0.6}, new int[]{0, 0});
        ShapeEstimate e = set.at(new double[]{4, 0}, new double[]{2});
        assertEquals(0.6, e.value());
        assertTrue(e.penalty() > 0);
    }
}
