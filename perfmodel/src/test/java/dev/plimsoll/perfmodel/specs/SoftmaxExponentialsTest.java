package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.TestSpecs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exponential rates of the shipped hardware specs, against their dense BF16 tensor-core peaks. */
class SoftmaxExponentialsTest {
    private static double perS(String gpu) {
        return SoftmaxExponentials.perS(TestSpecs.REGISTRY.gpu(gpu));
    }

    @Test
    void hopperRunsSixteenExponentialsPerClockPerSm() {
        // 132 SMs x 16 a clock at the 1.83 GHz the 989 TFLOPS dense BF16 peak multiplies out at
        assertEquals(132 * 16 * 1.83e9, perS("h100-sxm"), 0.001 * perS("h100-sxm"));
        assertEquals(perS("h100-sxm"), perS("h200-sxm"));
    }

    @Test
    void blackwellDoublesTheTensorCoresButNotTheExponentialUnit() {
        double tensorRatio = 2250.0 / 989.0;
        double exponentialRatio = perS("b200-sxm") / perS("h200-sxm");
        assertEquals(tensorRatio / 2, exponentialRatio, 1e-9);
        // 148 SMs at the B200's datasheet clock against 132 at the H200's: about 1.14 times
        assertEquals(1.137, exponentialRatio, 0.001);
    }

    @Test
    void blackwellUltraDoublesTheExponentialUnit() {
        assertEquals(2 * perS("b200-sxm"), perS("b300-sxm"), 1e-6 * perS("b300-sxm"));
        assertEquals(2 * perS("gb200"), perS("gb300"), 1e-6 * perS("gb300"));
    }

    @Test
    void olderArchitecturesAndUnknownOnes() {
        assertEquals(108 * 16 * 1.41e9, perS("a100-sxm-80gb"), 0.002 * perS("a100-sxm-80gb"));
        assertEquals(perS("l40s") / 362, perS("l4") / 121, 1e-9 * perS("l4"));
        assertEquals(0.0, perS("mi300x"));
    }
}
