package dev.plimsoll.perfmodel.validate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptLengthFitTest {
    private static final PoolLayout TP8 = new PoolLayout(8, 1, 1, 8, 1, 0, 0);
    private static final PoolLayout TP4 = new PoolLayout(4, 1, 1, 4, 1, 0, 0);
    private static final PoolLayout TP2 = new PoolLayout(2, 1, 1, 2, 1, 0, 0);

    @Test
    void aLineThroughEachDeploymentSplitsTheTtftIntoAPerTokenAndAFixedPart() {
        List<RowPrediction> ps = new ArrayList<>();
        // measured: 230 ms + 26 ms per 1k tokens; predicted: 90 ms + 30 ms per 1k tokens
        for (int isl : new int[] {1024, 8192}) {
            ps.add(prediction("model-a", TP8, 4, isl, 230 + 26 * isl / 1000.0, 90 + 30 * isl / 1000.0));
        }
        PromptLengthFit fit = PromptLengthFit.of(ps).get(0);

        assertEquals("model-a sglang agg", fit.group());
        assertEquals(4, fit.clients());
        assertEquals(1, fit.lines());
        assertEquals(26.0, fit.measuredMsPer1kTokens(), 1e-9);
        assertEquals(30.0, fit.predictedMsPer1kTokens(), 1e-9);
        assertEquals(230.0, fit.measuredFixedMs(), 1e-9);
        assertEquals(90.0, fit.predictedFixedMs(), 1e-9);
    }

    @Test
    void theGroupsLightestLoadGivesALinePerDeploymentAndTheGroupReportsTheirMedians() {
        List<RowPrediction> ps = new ArrayList<>();
        double[][] lines = {{10, 100}, {20, 200}, {40, 300}, {999, 999}}; // slope ms per 1k tokens, fixed ms
        int[] concurrency = {4, 4, 4, 64};
        PoolLayout[] layout = {TP8, TP2, TP4, TP8};
        for (int i = 0; i < lines.length; i++) {
            for (int isl : new int[] {1000, 2000, 4000}) {
                double ttft = lines[i][1] + lines[i][0] * isl / 1000.0;
                ps.add(prediction("model-a", layout[i], concurrency[i], isl, ttft, ttft));
            }
        }
        // two clients, but one prompt length only: not a line, so not the lightest fitted load
        ps.add(prediction("model-a", TP4, 2, 1000, 5000, 5000));
        PromptLengthFit fit = PromptLengthFit.of(ps).get(0);

        assertEquals(4, fit.clients());
        assertEquals(3, fit.lines(), "the 64-client rows are a heavier load than the group's lightest");
        assertEquals(20.0, fit.measuredMsPer1kTokens(), 1e-9);
        assertEquals(200.0, fit.measuredFixedMs(), 1e-9);
    }

    @Test
    void aDeploymentMeasuredAtOnePromptLengthAndUnderspecifiedRowsGiveNoLine() {
        List<RowPrediction> ps = new ArrayList<>();
        ps.add(prediction("model-a", TP8, 4, 1024, 100, 90));
        ps.add(prediction("model-a", TP8, 8, 8192, 300, 250));
        MeasuredDeployment noConcurrency = deployment("model-b", TP8, 0, 1024);
        MeasuredDeployment noConcurrencyLong = deployment("model-b", TP8, 0, 8192);
        ps.add(new RowPrediction(noConcurrency, 50, 5, "assumed"));
        ps.add(new RowPrediction(noConcurrencyLong, 150, 5, "assumed"));

        assertTrue(PromptLengthFit.of(ps).isEmpty(), "no group has two prompt lengths at one concurrency");
    }

    private static RowPrediction prediction(String model, PoolLayout layout, int concurrency, int isl,
                                            double measuredTtftMs, double predictedTtftMs) {
        MeasuredDeployment row = deployment(model, layout, concurrency, isl);
        row = new MeasuredDeployment(row.id(), row.line(), row.concurrency(), row.backend(), row.backendVersion(),
                row.modelPath(), row.system(), false, row.isl(), row.osl(), row.gemmQuant(), row.moeQuant(),
                row.agg(), null, null, measuredTtftMs, 10.0);
        return new RowPrediction(row, predictedTtftMs, 10.0, "");
    }

    private static MeasuredDeployment deployment(String model, PoolLayout layout, int concurrency, int isl) {
        return new MeasuredDeployment("row-" + isl, 2, concurrency, "sglang", "0.5.9", model, "h200_sxm", false,
                isl, 1024, "fp8", "fp8", layout, null, null, 1.0, 10.0);
    }
}
