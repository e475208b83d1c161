package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.ops.StepBatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedStepTimesTest {
    /** A model with a distinct answer for every batch, counting its evaluations. */
    private static final class Counting implements StepTimeModel {
        final AtomicLong calls = new AtomicLong();

        @Override
        public double stepMs(StepBatch b) {
            calls.incrementAndGet();
            return 1.0 + 0.01 * b.decodeRequests() + 1e-6 * b.decodeContextTokens() + 0.001 * b.prefillTokens();
        }
    }

    @Test
    void everyThreadGetsTheModelsAnswerAndABatchIsPricedAboutOnce() {
        Counting model = new Counting();
        SharedStepTimes shared = new SharedStepTimes(model);
        List<StepBatch> batches = IntStream.rangeClosed(1, 500).mapToObj(n -> StepBatch.decode(n, 1000L + n))
                .collect(Collectors.toList());
        // four threads over the same 500 batches, twice each
        IntStream.range(0, 8).parallel().forEach(t -> {
            for (StepBatch b : batches) {
                assertEquals(new Counting().stepMs(b), shared.stepMs(b), b.toString());
            }
        });
        assertEquals(500, shared.size());
        // a batch two threads met at the same moment may be priced twice, never more often than threads
        assertTrue(model.calls.get() >= 500 && model.calls.get() <= 8 * 500L, model.calls.get() + " evaluations");
        long before = model.calls.get();
        shared.stepMs(StepBatch.decode(7, 1007));
        assertEquals(before, model.calls.get(), "a known batch is not priced again");
    }
}
