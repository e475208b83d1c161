package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards the accuracy of {@code plimsoll validate} on the shared measured deployments: a change that
 * makes the calibrated model worse than the goals on the fully specified rows fails here.
 * Each file is scored on a stratified third (every third row of each model, engine and mode group,
 * in file order) to keep the run within CI's time on two cores; docs/validation.md gives the whole
 * files' figures. Of issue #11's goals (coverage >= 0.97, TTFT median APE <= 0.18, TTFT p90 <= 0.70,
 * TPOT median APE <= 0.09) each file's third is held to those it meets today: all but the TTFT median
 * on the H100 (held to issue #4's 0.20), coverage and TPOT on the H200; the others are named in
 * docs/validation.md, not pinned here.
 */
class MeasuredAccuracyTest {
    private static final int STRIDE = 3;

    private static ValidationReport scoreThird(String file) {
        MeasuredFile all = AicSiliconReader.read(TestSpecs.sharedData().resolve("e2e/" + file));
        Map<String, List<MeasuredDeployment>> groups = new LinkedHashMap<>();
        all.rows().forEach(r -> groups.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r));
        List<MeasuredDeployment> third = new ArrayList<>();
        groups.values().forEach(g -> {
            for (int i = 0; i < g.size(); i += STRIDE) {
                third.add(g.get(i));
            }
        });
        third.sort(Comparator.comparingInt(MeasuredDeployment::line));
        return CalibratedValidation.onAllCores().run(third, done -> { });
    }

    @Test
    void h100MeetsTheCoverageTailAndTpotGoals() {
        ValidationReport r = scoreThird("h100_sxm.csv");
        ErrorSummary e = r.overall();
        assertTrue(r.coverage() >= 0.97, "coverage " + r.coverage());
        assertTrue(e.ttftP90Ape() <= 0.70, "TTFT p90 APE " + e.ttftP90Ape());
        assertTrue(e.tpotMedianApe() <= 0.09, "TPOT median APE " + e.tpotMedianApe());
        // issue #4's goal, met since; #11's 0.18 is not yet held on the whole file (docs/validation.md)
        assertTrue(e.ttftMedianApe() <= 0.20, "TTFT median APE " + e.ttftMedianApe());
    }

    @Test
    void h200MeetsTheCoverageAndTpotGoals() {
        ValidationReport r = scoreThird("h200_sxm.csv");
        assertTrue(r.coverage() >= 0.97, "coverage " + r.coverage() + "; uncovered: " + r.uncovered());
        // the TTFT median (0.18) is not met on the H200 file; its p90 (0.70) is met on the whole file
        // but not on this third (docs/validation.md), so neither is held here
        assertTrue(r.overall().tpotMedianApe() <= 0.09, "TPOT median APE " + r.overall().tpotMedianApe());
    }
}
