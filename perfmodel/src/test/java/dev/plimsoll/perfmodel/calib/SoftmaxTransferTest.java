package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.calib.roofline.KernelRoofline;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.cost.Provenance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A synthetic FP8 prefill-attention table measured on the H100 (time = 5 us + ideal / 0.7, head size
 * 128), transferred to the B200: the softmax's exponentials, as fast per SM on both, set the B200's
 * time where its doubled tensor cores would not.
 */
class SoftmaxTransferTest {
    private static final ReferenceSpec H100 = ReferenceSpec.of(TestGpus.h100());
    private static final ReferenceSpec B200 = ReferenceSpec.of(TestSpecs.REGISTRY.gpu("b200-sxm"));
    private static final double[] SHAPE = {32, 8, 128, 0};

    private static KernelQuery query(double tokens) {
        return KernelQuery.of(KernelFamily.CONTEXT_ATTENTION, "fp8|fp8", SHAPE, new double[]{1, tokens});
    }

    private static double law(double tokens, ReferenceSpec gpu) {
        return 0.005 + KernelRoofline.ideal(query(tokens), gpu).ms() / 0.7;
    }

    private static FamilyModel model() {
        return model(H100);
    }

    private static FamilyModel model(ReferenceSpec measuredOn) {
        List<KernelRow> rows = new ArrayList<>();
        for (int tokens = 256; tokens <= 32768; tokens *= 2) {
            rows.add(new KernelRow("fp8|fp8", SHAPE, new double[]{1, tokens}, "k", law(tokens, measuredOn), 0));
        }
        return FamilyModel.build(KernelFamily.CONTEXT_ATTENTION, rows, measuredOn);
    }

    @Test
    void theExponentialsSetTheBlackwellTime() {
        Prediction p = model().predict(query(16384), B200, false);
        assertEquals(Provenance.TRANSFERRED, p.provenance());
        assertEquals(law(16384, B200), p.timeMs(), 0.02 * p.timeMs());
        // twice what the tensor cores alone would give at this size
        double matmulsOnly = law(16384, B200.withoutExponentials());
        assertEquals(2.0, (p.timeMs() - 0.005) / (matmulsOnly - 0.005), 0.05);
    }

    @Test
    void aTargetWithoutTheRateMovesNoExponentialTime() {
        FamilyModel f = model();
        Prediction unknown = f.predict(query(16384), B200.withoutExponentials(), false);
        assertEquals(law(16384, B200.withoutExponentials()), unknown.timeMs(), 0.02 * unknown.timeMs());
    }

    @Test
    void blackwellUltraHalvesTheExponentialPartOfABlackwellTable() {
        // B300: the B200's tensor cores and bandwidth figures aside, twice the exponential rate, so the
        // exponential-bound FP8 prefill falls back to its matmul time
        ReferenceSpec b300 = ReferenceSpec.of(TestSpecs.REGISTRY.gpu("b300-sxm"));
        Prediction p = model(B200).predict(query(16384), b300, false);
        assertEquals(law(16384, b300), p.timeMs(), 0.02 * p.timeMs());
        assertEquals(0.5, (p.timeMs() - 0.005) / (law(16384, B200) - 0.005), 0.05);
    }
}
