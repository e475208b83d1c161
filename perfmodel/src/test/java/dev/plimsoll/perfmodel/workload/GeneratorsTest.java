package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorsTest {
    private static List<TimedRequest> drain(ArrivalSource source) {
        List<TimedRequest> all = new ArrayList<>();
        try (source) {
            for (TimedRequest r = source.next(); r != null; r = source.next()) {
                all.add(r);
            }
        }
        return all;
    }

    /** Mean and coefficient of variation of the gaps between arrivals. */
    private static double[] gapStats(List<TimedRequest> all) {
        double sum = 0;
        double sq = 0;
        double previous = 0;
        for (TimedRequest r : all) {
            double gap = r.arrivalMs() - previous;
            sum += gap;
            sq += gap * gap;
            previous = r.arrivalMs();
        }
        double mean = sum / all.size();
        double var = sq / all.size() - mean * mean;
        return new double[] {mean, Math.sqrt(var) / mean};
    }

    @Test
    void poissonGapsHaveTheRateAndUnitVariation() {
        List<TimedRequest> all = drain(new SyntheticArrivals(InterArrival.poisson(20), RequestShapes.fixed(10, 5),
                100_000, Double.POSITIVE_INFINITY, 3));
        double[] stats = gapStats(all);
        assertEquals(100_000, all.size());
        assertEquals(50.0, stats[0], 0.5);
        assertEquals(1.0, stats[1], 0.01);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2.0, 4.0})
    void gammaGapsHaveTheRequestedVariation(double cv) {
        double[] stats = gapStats(drain(new SyntheticArrivals(InterArrival.gamma(10, cv), RequestShapes.fixed(10, 5),
                200_000, Double.POSITIVE_INFINITY, 5)));
        assertEquals(100.0, stats[0], 2.0);
        assertEquals(cv, stats[1], 0.05 * cv);
    }

    @Test
    void generatorStopsAtItsDurationAndIsReproducible() {
        List<TimedRequest> a = drain(new SyntheticArrivals(InterArrival.poisson(100), RequestShapes.fixed(10, 5),
                Long.MAX_VALUE, 10_000, 1));
        List<TimedRequest> b = drain(new SyntheticArrivals(InterArrival.poisson(100), RequestShapes.fixed(10, 5),
                Long.MAX_VALUE, 10_000, 1));
        assertEquals(a, b);
        assertTrue(a.get(a.size() - 1).arrivalMs() <= 10_000);
        assertEquals(1000, a.size(), 100);
        assertThrows(UserInputException.class, () -> InterArrival.poisson(0));
        assertThrows(UserInputException.class, () -> InterArrival.gamma(1, -1));
    }

    @Test
    void rateScalingCompressesTimeAndWindowsCut() {
        List<TimedRequest> base = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            base.add(new TimedRequest(i * 100.0, new RequestShape(10 + i, 5)));
        }
        List<TimedRequest> doubled = drain(TraceTransform.rate(2).apply(ArrivalSource.of(base)));
        assertEquals(100, doubled.size());
        assertEquals(50.0 * 99, doubled.get(99).arrivalMs(), 1e-9);

        List<TimedRequest> slower = drain(TraceTransform.timeScale(3).apply(ArrivalSource.of(base)));
        assertEquals(300.0 * 99, slower.get(99).arrivalMs(), 1e-6);

        List<TimedRequest> window = drain(TraceTransform.NONE.window(1000, 500).apply(ArrivalSource.of(base)));
        assertEquals(5, window.size(), "arrivals at 1000, 1100, ... 1400");
        assertEquals(0.0, window.get(0).arrivalMs());
        assertEquals(20, window.get(0).shape().inputTokens());

        assertEquals(7, drain(TraceTransform.NONE.limit(7).apply(ArrivalSource.of(base))).size());
        assertThrows(UserInputException.class, () -> TraceTransform.rate(0));
    }

    @Test
    void azureTraceReplayedAtTwiceTheRateTakesHalfTheTime() {
        List<TimedRequest> all = drain(Workload.trace(TraceFiles.azureCode(), TraceTransform.rate(2)).source().get());
        assertEquals(8819, all.size());
        double minutes = all.get(all.size() - 1).arrivalMs() / 60_000;
        assertTrue(minutes > 27 && minutes < 29.5, "about 57 minutes halved, got " + minutes);
    }

    @Test
    void empiricalShapesResampleTheTraceSizes() {
        EmpiricalShapes shapes = EmpiricalShapes.of(new AzureTraceReader(TraceFiles.azureConversation()));
        assertEquals(19_366, shapes.size());
        SplittableRandom random = new SplittableRandom(1);
        double isl = 0;
        for (int i = 0; i < 100_000; i++) {
            isl += shapes.sample(random).inputTokens();
        }
        assertEquals(1155, isl / 100_000, 20);
    }

    @Test
    void sharedPrefixGroupsShareTheirLeadingBlocksOnly() {
        SharedPrefixShapes shapes = new SharedPrefixShapes(3, 1024, 100, 10, 512);
        SplittableRandom random = new SplittableRandom(2);
        List<RequestShape> drawn = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            drawn.add(shapes.sample(random));
        }
        long distinct = drawn.stream().map(s -> s.prefixHashes()[0]).distinct().count();
        assertEquals(3, distinct);
        RequestShape a = drawn.get(0);
        assertEquals(1124, a.inputTokens());
        assertEquals(2, a.prefixHashes().length);
        RequestShape same = drawn.stream().filter(s -> s.prefixHashes()[0] == a.prefixHashes()[0]).skip(1)
                .findFirst().orElseThrow();
        assertArrayEquals(a.prefixHashes(), same.prefixHashes());
        RequestShape other = drawn.stream().filter(s -> s.prefixHashes()[0] != a.prefixHashes()[0]).findFirst()
                .orElseThrow();
        assertNotEquals(a.prefixHashes()[1], other.prefixHashes()[1]);
    }

    @Test
    void closedLoopSettingsAreChecked() {
        assertThrows(UserInputException.class, () -> new Workload.ClosedLoop(0, RequestShapes.fixed(1, 1), 10, 0, 0,
                0, 1));
        assertThrows(UserInputException.class, () -> new Workload.ClosedLoop(4, RequestShapes.fixed(1, 1), 10, 5, 5,
                0, 1));
        Workload.ClosedLoop measured = Workload.ClosedLoop.fixed(8, 1000, 200, 5);
        assertEquals(40, measured.requests());
        assertEquals(8, measured.warmupRequests());
    }

    @Test
    void traceFormatIsGuessedFromTheName() {
        assertEquals(TraceFormat.AZURE_CSV, TraceFormat.detect(TraceFiles.azureCode()));
        assertThrows(UserInputException.class, () -> TraceFormat.detect(java.nio.file.Path.of("trace.parquet")));
    }

    @Test
    void uniformShapesCoverBothBoundsAndRejectEmptyRanges() {
        RequestShapes shapes = RequestShapes.uniform(3, 5, 1, 2);
        SplittableRandom random = new SplittableRandom(11);
        boolean[] inputs = new boolean[6];
        boolean[] outputs = new boolean[3];
        for (int i = 0; i < 1000; i++) {
            RequestShape s = shapes.sample(random);
            inputs[s.inputTokens()] = true;
            outputs[s.outputTokens()] = true;
        }
        assertArrayEquals(new boolean[] {false, false, false, true, true, true}, inputs);
        assertArrayEquals(new boolean[] {false, true, true}, outputs);
        assertThrows(IllegalArgumentException.class, () -> RequestShapes.uniform(5, 4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> RequestShapes.uniform(0, 4, 1, 1));
    }
}
