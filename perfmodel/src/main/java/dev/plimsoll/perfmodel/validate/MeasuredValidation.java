package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.sim.Simulation;
import dev.plimsoll.perfmodel.sim.SimulationResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Predicts every measured deployment by simulating its closed-loop benchmark, on all cores (the
 * heaviest rows first, {@link LargestFirst}), and scores mean TTFT and TPOT against the
 * measurements. A row that fails, for any reason, is listed as uncovered with its line and the
 * reason; it never stops the others.
 */
public final class MeasuredValidation {
    private final DeploymentPlanner planner;
    private final int threads;

    public MeasuredValidation(DeploymentPlanner planner, int threads) {
        this.planner = planner;
        this.threads = Math.max(1, threads);
    }

    /** Validates the rows of a file, its malformed lines listed as uncovered. */
    public ValidationReport run(MeasuredFile file, IntConsumer progress) {
        List<ValidationReport.Uncovered> malformed = file.malformed().stream()
                .map(m -> new ValidationReport.Uncovered(m.id(), m.line(), "", m.reason(), false))
                .collect(Collectors.toList());
        return score(file.lines(), file.rows(), malformed, progress);
    }

    /**
     * @param progress called with the number of rows done so far
     */
    public ValidationReport run(List<MeasuredDeployment> rows, IntConsumer progress) {
        return score(rows.size(), rows, List.of(), progress);
    }

    private ValidationReport score(int lines, List<MeasuredDeployment> rows,
                                   List<ValidationReport.Uncovered> malformed, IntConsumer progress) {
        List<Object> outcomes = predictAll(rows, progress);
        List<RowPrediction> predictions = new ArrayList<>();
        List<ValidationReport.Uncovered> uncovered = new ArrayList<>(malformed);
        for (Object o : outcomes) {
            if (o instanceof RowPrediction p) {
                predictions.add(p);
            } else {
                uncovered.add((ValidationReport.Uncovered) o);
            }
        }
        uncovered.sort((a, b) -> Integer.compare(a.line(), b.line()));
        Predicate<MeasuredDeployment> full = r -> !r.underspecified();
        int fullRows = lines - count(rows, full.negate());
        Scorecard headline = Scorecard.of(fullRows, select(predictions, full));
        Scorecard under = Scorecard.of(count(rows, full.negate()), select(predictions, full.negate()));
        Map<String, Scorecard> gpus = new LinkedHashMap<>();
        for (String system : rows.stream().map(MeasuredDeployment::system).distinct().collect(Collectors.toList())) {
            Predicate<MeasuredDeployment> onGpu = full.and(r -> r.system().equals(system));
            gpus.put(system, Scorecard.of(count(rows, onGpu), select(predictions, onGpu)));
        }
        return new ValidationReport(lines, predictions, uncovered, headline, under, gpus);
    }

    private List<Object> predictAll(List<MeasuredDeployment> rows, IntConsumer progress) {
        AtomicInteger done = new AtomicInteger();
        return LargestFirst.map(rows, MeasuredValidation::simulatedWork, row -> {
            Object o = predictOrExplain(row);
            // a row's own failure is caught and listed by predictOrExplain; what leaves here came
            // from the progress callback (a cancel, say) and leaves as itself
            progress.accept(done.incrementAndGet());
            return o;
        }, threads);
    }

    /**
     * The simulator's work on a row, for the order rows are taken in: it advances every running
     * request at every step, and the closed loop's clients each decode the row's output length
     * {@link BenchmarkClient#REQUESTS_PER_CLIENT} times, so the work grows as clients x output tokens.
     */
    static long simulatedWork(MeasuredDeployment row) {
        return (long) Math.max(1, row.concurrency()) * (row.osl() + 1L);
    }

    private static int count(List<MeasuredDeployment> rows, Predicate<MeasuredDeployment> p) {
        return (int) rows.stream().filter(p).count();
    }

    private static List<RowPrediction> select(List<RowPrediction> ps, Predicate<MeasuredDeployment> p) {
        return ps.stream().filter(x -> p.test(x.row())).collect(Collectors.toList());
    }

    /** The row's prediction, or why there is none: a user-input error or any failure of the model. */
    private Object predictOrExplain(MeasuredDeployment row) {
        try {
            return predict(row);
        } catch (RuntimeException | StackOverflowError e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            return uncovered(row, "the model failed on this row (" + what.replace('\n', ' ') + ")");
        }
    }

    private Object predict(MeasuredDeployment row) {
        DeploymentPlanner.Outcome outcome = planner.plan(row);
        if (outcome.plan() == null) {
            return uncovered(row, outcome.uncoveredReason());
        }
        SimulationResult r;
        try {
            r = Simulation.run(outcome.plan().config());
        } catch (dev.plimsoll.perfmodel.error.UserInputException e) {
            return uncovered(row, e.getMessage());
        }
        if (r.measuredRequests() == 0 || Double.isNaN(r.ttft().meanMs()) || Double.isNaN(r.tpot().meanMs())) {
            return uncovered(row, "simulation finished no measured request (" + r.rejectedRequests() + " rejected: "
                    + "prompt longer than the KV cache)");
        }
        return new RowPrediction(row, r.ttft().meanMs(), r.tpot().meanMs(), outcome.plan().assumption());
    }

    private static ValidationReport.Uncovered uncovered(MeasuredDeployment row, String why) {
        return new ValidationReport.Uncovered(row.id(), row.line(), row.group(), why, row.underspecified());
    }
}
