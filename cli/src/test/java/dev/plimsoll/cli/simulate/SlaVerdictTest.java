package dev.plimsoll.cli.simulate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlaVerdictTest {
    @Test
    void percentilesInterpolateBetweenClosestRanksLikeNumpy() {
        double[] v = {4, 1, 3, 2};
        // numpy.percentile([1, 2, 3, 4], [0, 50, 90, 100]) = 1, 2.5, 3.7, 4
        assertEquals(1.0, SlaVerdict.percentile(v, 0), 1e-12);
        assertEquals(2.5, SlaVerdict.percentile(v, 50), 1e-12);
        assertEquals(3.7, SlaVerdict.percentile(v, 90), 1e-12);
        assertEquals(4.0, SlaVerdict.percentile(v, 100), 1e-12);
        assertTrue(Double.isNaN(SlaVerdict.percentile(new double[0], 90)));
    }

    @Property
    void percentilesAreMonotoneAndWithinTheSamples(@ForAll @Size(min = 1, max = 50)
                                                   List<@DoubleRange(min = 0, max = 1e4) Double> samples,
                                                   @ForAll @DoubleRange(min = 0, max = 100) double p) {
        double[] v = samples.stream().mapToDouble(Double::doubleValue).toArray();
        double at = SlaVerdict.percentile(v, p);
        double higher = SlaVerdict.percentile(v, Math.min(100, p + 5));
        assertTrue(at <= higher + 1e-9);
        assertTrue(at >= Arrays.stream(v).min().getAsDouble() - 1e-9 && at <= Arrays.stream(v).max().getAsDouble() + 1e-9);
    }
}
