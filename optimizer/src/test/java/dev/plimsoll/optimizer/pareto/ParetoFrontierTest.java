package dev.plimsoll.optimizer.pareto;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParetoFrontierTest {
    record P(double x, double y) {
    }

    @Test
    void keepsOnlyUndominatedPointsInAscendingX() {
        List<P> pts = List.of(new P(1, 10), new P(2, 8), new P(2, 5), new P(3, 9), new P(4, 1), new P(0.5, 9));
        List<P> f = ParetoFrontier.of(pts, P::x, P::y);
        assertEquals(List.of(new P(1, 10), new P(3, 9), new P(4, 1)), f);
    }

    @Property(tries = 200)
    void everyDroppedPointIsDominatedAndNoKeptPointIs(
            @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 100) Double> xs,
            @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 100) Double> ys) {
        int n = Math.min(xs.size(), ys.size());
        List<P> pts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            pts.add(new P(xs.get(i), ys.get(i)));
        }
        List<P> f = ParetoFrontier.of(pts, P::x, P::y);
        for (P p : pts) {
            boolean dominated = pts.stream().anyMatch(q -> q.x() >= p.x() && q.y() >= p.y()
                    && (q.x() > p.x() || q.y() > p.y()));
            if (f.contains(p)) {
                assertFalse(dominated, p + " is on the frontier but dominated");
            } else {
                assertTrue(dominated || f.stream().anyMatch(q -> q.x() == p.x() && q.y() == p.y()),
                        p + " was dropped but nothing dominates it");
            }
        }
        for (int i = 1; i < f.size(); i++) {
            assertTrue(f.get(i).x() > f.get(i - 1).x() && f.get(i).y() < f.get(i - 1).y());
        }
    }

    @Test
    void spreadKeepsTheEndsAndThinsClusters() {
        List<P> f = List.of(new P(10, 100), new P(10.1, 99), new P(10.2, 98), new P(10.3, 97), new P(50, 50),
                new P(100, 10));
        List<P> s = ParetoFrontier.spread(f, 3, P::x);
        assertEquals(List.of(new P(10, 100), new P(50, 50), new P(100, 10)), s);
    }
}
