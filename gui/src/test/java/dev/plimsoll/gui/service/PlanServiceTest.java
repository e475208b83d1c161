package dev.plimsoll.gui.service;

import dev.plimsoll.gui.TestServices;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PlanResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanServiceTest {
    private final PlanService service = new PlanService(TestServices.get());

    @Test
    void theRequestIsTheCliQuestion() {
        PlanRequest r = service.request(PlanInputs.reference());
        assertEquals("qwen3-32b", r.model().id());
        assertEquals("fp8", r.quants().get(0).name());
        assertEquals("h200-sxm", r.gpus().get(0).id());
        assertEquals(300, r.sla().ttftMs());
        assertEquals(90, r.sla().percentile());
        assertTrue(r.space().simulate());
    }

    @Test
    void aTraceReplacesTheFixedSizesWithItsDistributions() {
        Path trace = Path.of(System.getProperty("plimsoll.root", "."), "..", "shared", "data", "traces",
                "azure_llm_2023_conv.csv");
        PlanInputs r = PlanInputs.reference();
        PlanInputs in = new PlanInputs(r.model(), r.gpus(), r.engine(), r.quant(), r.isl(), r.osl(), 0, r.loadKind(),
                r.loadValue(), r.ttftMs(), r.itlMs(), r.percentile(), r.mode(), false, trace.toString());
        PlanRequest req = service.request(in);
        assertTrue(!req.workload().isFixed(), "sizes from the trace");
        assertTrue(req.workload().meanInputTokens() != r.isl(), "the trace's mean ISL, not the fixed 4000");
        assertTrue(in.describe().contains("sizes from " + trace), in.describe());
    }

    @Test
    void progressRisesAndTheArtifactsOfAPointAreWritten(@TempDir Path dir) {
        List<Double> fractions = new ArrayList<>();
        PlanResult result = service.plan(TestServices.quickReference(), (m, f) -> {
            synchronized (fractions) {
                fractions.add(f);
            }
        }, Cancellation.NEVER);
        assertTrue(fractions.size() > 2);
        assertTrue(fractions.stream().allMatch(f -> f >= 0 && f <= 1));
        List<Path> files = service.export(result, result.best(), dir);
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith("k8s-")), files.toString());
        assertTrue(files.stream().allMatch(Files::isRegularFile));
    }

    @Test
    void aPlanCancelledWhileRunningStopsAtItsNextStep() {
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger stepsAfterCancel = new java.util.concurrent.atomic.AtomicInteger();
        assertThrows(CancellationException.class, () -> service.plan(TestServices.slowQuestion(),
                (m, f) -> {
                    if (started.getAndSet(true)) {
                        stepsAfterCancel.incrementAndGet();
                    }
                },
                started::get));
        assertTrue(started.get(), "the planner reported progress before it was cancelled");
        assertEquals(0, stepsAfterCancel.get(), "no step reported after the cancel");
    }
}
