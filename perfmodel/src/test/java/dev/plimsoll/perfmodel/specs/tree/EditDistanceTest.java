package dev.plimsoll.perfmodel.specs.tree;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditDistanceTest {

    @Property
    void isAMetric(@ForAll @AlphaChars @StringLength(max = 12) String a,
                   @ForAll @AlphaChars @StringLength(max = 12) String b,
                   @ForAll @AlphaChars @StringLength(max = 12) String c) {
        int ab = EditDistance.between(a, b);
        assertEquals(ab, EditDistance.between(b, a), "symmetric");
        assertEquals(a.equals(b), ab == 0, "zero only for equal strings");
        assertTrue(EditDistance.between(a, c) <= ab + EditDistance.between(b, c), "triangle inequality");
        assertTrue(ab >= Math.abs(a.length() - b.length()) && ab <= Math.max(a.length(), b.length()));
    }

    @Property
    void oneEditIsDistanceOne(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String a) {
        assertEquals(1, EditDistance.between(a, a + "x"));
        assertEquals(1, EditDistance.between(a, a.substring(1)));
    }

    @Property
    void closestListsTheQueryFirstWhenPresent(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String id) {
        String q = id.toLowerCase();
        List<String> c = EditDistance.closest(q, List.of("zz-top", q, q + "-extra"), 2);
        assertEquals(q, c.get(0));
    }
}
