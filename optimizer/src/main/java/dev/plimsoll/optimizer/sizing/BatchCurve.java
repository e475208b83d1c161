package dev.plimsoll.optimizer.sizing;

import dev.plimsoll.optimizer.analytic.OperatingPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A pool's operating points over its mean batch: the feasible prefix of the search's batch grid,
 * the largest feasible batch found by bisection past it, and the inverse from a per-replica rate to
 * the mean batch that carries it (rates grow with the batch).
 */
public final class BatchCurve {
    private static final int REFINE_STEPS = 6;
    private static final int SECANT_STEPS = 2;

    private final DoubleFunction<OperatingPoint> model;
    private final List<OperatingPoint> feasible = new ArrayList<>();
    private final OperatingPoint first;
    private final OperatingPoint firstInfeasible;
    private OperatingPoint best;

    public BatchCurve(DoubleFunction<OperatingPoint> model, List<Double> grid) {
        this.model = model;
        OperatingPoint firstPoint = null;
        OperatingPoint broke = null;
        for (double b : grid) {
            OperatingPoint p = model.apply(b);
            if (firstPoint == null) {
                firstPoint = p;
            }
            if (!p.feasible()) {
                broke = p;
                break;
            }
            feasible.add(p);
        }
        this.first = firstPoint;
        this.firstInfeasible = broke;
        if (!feasible.isEmpty()) {
            best = feasible.get(feasible.size() - 1);
            if (broke != null) {
                double lo = best.meanBatch();
                double hi = broke.meanBatch();
                for (int i = 0; i < REFINE_STEPS; i++) {
                    double mid = 0.5 * (lo + hi);
                    OperatingPoint p = model.apply(mid);
                    if (p.feasible() && p.requestsPerS() >= best.requestsPerS()) {
                        best = p;
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
            }
        }
    }

    public boolean isEmpty() {
        return feasible.isEmpty();
    }

    /** The smallest batch's point (feasible or not): the pool's latency floor. */
    public OperatingPoint first() {
        return first;
    }

    /** The first grid point that failed, or null when the whole grid is feasible. */
    public OperatingPoint firstInfeasible() {
        return firstInfeasible;
    }

    /** The feasible point of highest rate. */
    public OperatingPoint best() {
        return best;
    }

    public List<OperatingPoint> feasible() {
        return feasible;
    }

    public OperatingPoint at(double meanBatch) {
        return model.apply(meanBatch);
    }

    /** The point whose per-replica rate is {@code ratePerS} (at most the best rate). */
    public OperatingPoint atRate(double ratePerS) {
        if (ratePerS >= best.requestsPerS()) {
            return best;
        }
        double b0;
        double r0;
        double b1;
        double r1;
        OperatingPoint lowest = feasible.get(0);
        if (ratePerS <= lowest.requestsPerS()) {
            b0 = 0;
            r0 = 0;
            b1 = lowest.meanBatch();
            r1 = lowest.requestsPerS();
        } else {
            int i = 1;
            List<OperatingPoint> pts = new ArrayList<>(feasible);
            if (best.meanBatch() > pts.get(pts.size() - 1).meanBatch()) {
                pts.add(best);
            }
            while (i < pts.size() - 1 && pts.get(i).requestsPerS() < ratePerS) {
                i++;
            }
            b0 = pts.get(i - 1).meanBatch();
            r0 = pts.get(i - 1).requestsPerS();
            b1 = pts.get(i).meanBatch();
            r1 = pts.get(i).requestsPerS();
        }
        double b = b0 + (ratePerS - r0) / Math.max(1e-12, r1 - r0) * (b1 - b0);
        OperatingPoint p = model.apply(b);
        for (int i = 0; i < SECANT_STEPS && Math.abs(p.requestsPerS() - ratePerS) > 1e-3 * ratePerS; i++) {
            // rate is close to proportional to the batch at fixed step time: scale the batch
            b = b * ratePerS / Math.max(1e-12, p.requestsPerS());
            p = model.apply(b);
        }
        return p;
    }
}
