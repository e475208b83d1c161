package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which rows of a table a holdout validation keeps out of the fit: whole shapes, never seen.
 * <ul>
 *   <li>GEMM: a fraction of the (n, k) weight shapes, drawn with {@link Random}(seed), every m and
 *       dtype of a drawn shape held out;</li>
 *   <li>attention and MLA: a fraction of the sequence lengths (isl / step), every batch and head
 *       layout of a held length held out;</li>
 *   <li>collectives: a fraction of the message sizes; MoE: a fraction of the token counts.</li>
 * </ul>
 * Along one axis the held values are stratified: every (1 / fraction)-th value of the sorted
 * interior values, starting at an offset set by the seed. The smallest and largest value always
 * stay in the fit: a holdout measures interpolation between measured points; extrapolation past
 * the last measured value is a separate matter (boundary utilisation held).
 *
 * @param fraction share of shapes held out, in (0, 0.5]
 * @param seed     deterministic seed
 */
public record Holdout(double fraction, long seed) {
    public Holdout {
        if (!(fraction > 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("holdout fraction must be in (0, 0.5], got " + fraction);
        }
    }

    /** Rows to fit on and rows to score. */
    public record Split(List<KernelRow> fit, List<KernelRow> held) {
    }

    public Split split(KernelFamily family, List<KernelRow> rows) {
        List<KernelRow> fit = new ArrayList<>();
        List<KernelRow> held = new ArrayList<>();
        if (family == KernelFamily.GEMM) {
            Set<List<Double>> heldShapes = heldShapes(rows);
            for (KernelRow r : rows) {
                (heldShapes.contains(shapeKey(r)) ? held : fit).add(r);
            }
        } else {
            int axis = family.gridAxes().size() - 1;
            Set<Double> heldValues = heldAlongAxis(rows, axis);
            for (KernelRow r : rows) {
                (heldValues.contains(r.grid()[axis]) ? held : fit).add(r);
            }
        }
        return new Split(fit, held);
    }

    private Set<List<Double>> heldShapes(List<KernelRow> rows) {
        TreeSet<List<Double>> shapes = new TreeSet<>(Holdout::compareLists);
        for (KernelRow r : rows) {
            shapes.add(shapeKey(r));
        }
        List<List<Double>> order = new ArrayList<>(shapes);
        Collections.shuffle(order, new Random(seed));
        int n = (int) Math.round(fraction * order.size());
        return new HashSet<>(order.subList(0, n));
    }

    private Set<Double> heldAlongAxis(List<KernelRow> rows, int axis) {
        TreeSet<Double> values = new TreeSet<>();
        for (KernelRow r : rows) {
            values.add(r.grid()[axis]);
        }
        List<Double> interior = new ArrayList<>(values);
        Set<Double> held = new HashSet<>();
        if (interior.size() < 3) {
            return held;
        }
        interior = interior.subList(1, interior.size() - 1);
        int period = (int) Math.ceil(1.0 / fraction);
        long offset = Math.floorMod(seed, (long) period);
        for (int i = 0; i < interior.size(); i++) {
            if (Math.floor((i + offset + 1) * fraction) > Math.floor((i + offset) * fraction)) {
                held.add(interior.get(i));
            }
        }
        return held;
    }

    private static List<Double> shapeKey(KernelRow r) {
        return Arrays.stream(r.shape()).boxed().toList();
    }

    private static int compareLists(List<Double> a, List<Double> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Double.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
