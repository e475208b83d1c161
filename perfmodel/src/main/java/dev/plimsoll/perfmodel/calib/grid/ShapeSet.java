package dev.plimsoll.perfmodel.calib.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured shapes of one kernel category (one dtype, one collective...), each with its
 * {@link GridCurve}. A measured shape is read directly. An unseen shape is transferred from its
 * neighbours: along each shape axis, the two nearest shapes that agree with it on every other axis
 * and bracket it are interpolated linearly in the scaled coordinate. Readings bracketed by two
 * shapes of the same kernel label are preferred (a kernel switch between neighbours says nothing
 * about the shape between them), then any bracketed reading, then the held nearest neighbour with
 * the smallest extrapolation penalty; with no shape on any such line, the nearest shape (L1
 * distance in scaled coordinates) is used. Bracketed readings of several axes are averaged.
 */
public final class ShapeSet {
    /**
     * Readings along different axes are averaged with weights 1 / (this + |difference of the two
     * bracketing shapes|): a line whose neighbours disagree is trusted less. 0.02 (2% in
     * utilisation) keeps two identical neighbours from taking all the weight.
     */
    private static final double ROUGHNESS_FLOOR = 0.02;
    private final double[][] shapes;
    private final GridCurve[] curves;
    private final Map<Coords, Integer> exact = new HashMap<>();
    /** Per shape axis: the other coordinates -> shapes on that line, sorted along the axis. */
    private final List<Map<Coords, int[]>> lines = new ArrayList<>();

    public ShapeSet(List<double[]> shapes, List<GridCurve> curves) {
        this.shapes = shapes.toArray(new double[0][]);
        this.curves = curves.toArray(new GridCurve[0]);
        int d = this.shapes.length == 0 ? 0 : this.shapes[0].length;
        for (int i = 0; i < this.shapes.length; i++) {
            exact.put(new Coords(this.shapes[i]), i);
        }
        for (int axis = 0; axis < d; axis++) {
            Map<Coords, List<Integer>> byRest = new HashMap<>();
            for (int i = 0; i < this.shapes.length; i++) {
                byRest.computeIfAbsent(new Coords(without(this.shapes[i], axis)), k -> new ArrayList<>()).add(i);
            }
            Map<Coords, int[]> sorted = new HashMap<>();
            final int ax = axis;
            byRest.forEach((k, v) -> sorted.put(k, v.stream()
                    .sorted((p, q) -> Double.compare(this.shapes[p][ax], this.shapes[q][ax]))
                    .mapToInt(Integer::intValue).toArray()));
            lines.add(sorted);
        }
    }

    public int size() {
        return shapes.length;
    }

    /** Scaled coordinates of shape {@code i}, in the order given to the constructor (the array itself). */
    public double[] shape(int i) {
        return shapes[i];
    }

    /** Whether {@code scaledShape} is one of the measured shapes (its scaled coordinates exactly). */
    public boolean contains(double[] scaledShape) {
        return exact.containsKey(new Coords(scaledShape));
    }

    /** Curve of shape {@code i}. */
    public GridCurve curve(int i) {
        return curves[i];
    }

    /** Reads shape {@code s} at grid point {@code x} (both scaled); null only if the set is empty. */
    public ShapeEstimate at(double[] s, double[] x) {
        Integer hit = exact.get(new Coords(s));
        if (hit != null) {
            Estimate e = curves[hit].at(x);
            if (e != null) {
                return new ShapeEstimate(e.value(), curves[hit].floorMs(), e.penalty(), e.exact(), true);
            }
        }
        Candidate best = null;
        for (int axis = 0; axis < lines.size(); axis++) {
            int[] line = lines.get(axis).get(new Coords(without(s, axis)));
            if (line != null) {
                best = Candidate.better(best, alongLine(line, axis, s[axis], x));
            }
        }
        if (best == null) {
            best = nearest(s, x);
        }
        return best == null ? null
                : new ShapeEstimate(best.value, Math.exp(best.logFloor), best.penalty, false, false);
    }

    private Candidate alongLine(int[] line, int axis, double t, double[] x) {
        int upper = 0;
        while (upper < line.length && shapes[line[upper]][axis] <= t) {
            upper++;
        }
        double[] xs = new double[4];
        Estimate[] es = new Estimate[4];
        double[] floors = new double[4];
        int nLow = 0;
        for (int i = upper - 1; i >= 0 && nLow < 2; i--) {
            Estimate e = curves[line[i]].at(x);
            if (e != null) {
                xs[1 - nLow] = shapes[line[i]][axis];
                es[1 - nLow] = e;
                floors[1 - nLow] = Math.log(curves[line[i]].floorMs());
                nLow++;
            }
        }
        int nHigh = 0;
        for (int i = upper; i < line.length && nHigh < 2; i++) {
            Estimate e = curves[line[i]].at(x);
            if (e != null) {
                xs[2 + nHigh] = shapes[line[i]][axis];
                es[2 + nHigh] = e;
                floors[2 + nHigh] = Math.log(curves[line[i]].floorMs());
                nHigh++;
            }
        }
        if (nLow > 0 && nHigh > 0) {
            double w = (t - xs[1]) / (xs[2] - xs[1]);
            double v = (1 - w) * es[1].value() + w * es[2].value();
            double logFloor = (1 - w) * floors[1] + w * floors[2];
            double penalty = Math.max(es[1].penalty(), es[2].penalty());
            boolean clean = penalty == 0 && es[1].label() == es[2].label();
            Candidate c = new Candidate(v, logFloor, penalty, clean ? 0 : 1);
            c.weight = 1.0 / (ROUGHNESS_FLOOR + Math.abs(es[1].value() - es[2].value()));
            return c;
        }
        int near = nLow > 0 ? 1 : nHigh > 0 ? 2 : -1;
        if (near < 0) {
            return null;
        }
        int second = near == 1 ? 0 : 3;
        boolean hasSecond = near == 1 ? nLow > 1 : nHigh > 1;
        Estimate held = GridCurve.hold(es[near], xs[near], hasSecond ? es[second] : null, xs[second], t);
        return new Candidate(held.value(), floors[near], held.penalty(), 2);
    }

    private Candidate nearest(double[] s, double[] x) {
        Integer[] order = new Integer[shapes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(distance(shapes[p], s), distance(shapes[q], s)));
        for (Integer i : order) {
            Estimate e = curves[i].at(x);
            if (e != null) {
                return new Candidate(e.value(), Math.log(curves[i].floorMs()), e.penalty() + distance(shapes[i], s), 3);
            }
        }
        return null;
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Math.abs(a[i] - b[i]);
        }
        return d;
    }

    private static double[] without(double[] s, int axis) {
        double[] out = new double[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i != axis) {
                out[j++] = s[i];
            }
        }
        return out;
    }

    /**
     * One reading of an unseen shape. Quality 0: bracketed by shapes of one kernel label;
     * 1: bracketed; 2: nearest on a line, held; 3: nearest anywhere.
     */
    private static final class Candidate {
        final double value;
        final double logFloor;
        final double penalty;
        final int quality;
        double weight = 1;

        Candidate(double value, double logFloor, double penalty, int quality) {
            this.value = value;
            this.logFloor = logFloor;
            this.penalty = penalty;
            this.quality = quality;
        }

        /** Keeps the better of two readings; readings of equal bracketed quality are averaged. */
        static Candidate better(Candidate a, Candidate b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            if (a.quality != b.quality) {
                return a.quality < b.quality ? a : b;
            }
            if (a.quality <= 1) {
                double n = a.weight + b.weight;
                Candidate m = new Candidate((a.value * a.weight + b.value * b.weight) / n,
                        (a.logFloor * a.weight + b.logFloor * b.weight) / n, Math.max(a.penalty, b.penalty), a.quality);
                m.weight = n;
                return m;
            }
            return a.penalty <= b.penalty ? a : b;
        }
    }

    /** Scaled coordinates as a map key. */
    private static final class Coords {
        private final double[] v;
        private final int hash;

        Coords(double[] v) {
            this.v = v;
            this.hash = Arrays.hashCode(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Coords && Arrays.equals(v, ((Coords) o).v);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
