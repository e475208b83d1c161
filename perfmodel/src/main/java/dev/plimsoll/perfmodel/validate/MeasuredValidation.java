package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.Simulation;
import dev.plimsoll.perfmodel.sim.SimulationResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Predicts every measured deployment by simulating its closed-loop benchmark, on all cores, and
 * scores mean TTFT and TPOT against the measurements.
 */
public final class MeasuredValidation {
    private final DeploymentPlanner planner;
    private final int threads;

    public MeasuredValidation(DeploymentPlanner planner, int threads) {
        this.planner = planner;
        this.threads = Math.max(1, threads);
    }

    /**
     * @param progress called with the number of rows done so far
     */
    public ValidationReport run(List<MeasuredDeployment> rows, IntConsumer progress) {
        AtomicInteger done = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(threads);
        List<Object> outcomes;
        try {
            outcomes = pool.submit(() -> rows.parallelStream().map(row -> {
                Object o = predict(row);
                progress.accept(done.incrementAndGet());
                return o;
            }).collect(Collectors.toList())).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("validation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdown();
        }
        List<RowPrediction> predictions = new ArrayList<>();
        List<ValidationReport.Uncovered> uncovered = new ArrayList<>();
        for (Object o : outcomes) {
            if (o instanceof RowPrediction) {
                predictions.add((RowPrediction) o);
            } else {
                uncovered.add((ValidationReport.Uncovered) o);
            }
        }
        Map<String, List<RowPrediction>> byGroup = new LinkedHashMap<>();
        for (RowPrediction p : predictions) {
            byGroup.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p);
        }
        Map<String, ErrorSummary> groups = new LinkedHashMap<>();
        byGroup.forEach((k, v) -> groups.put(k, ErrorSummary.of(v)));
        return new ValidationReport(rows.size(), predictions, uncovered, ErrorSummary.of(predictions), groups);
    }

    private Object predict(MeasuredDeployment row) {
        String group = row.modelPath() + " " + row.backend() + " " + row.mode();
        DeploymentPlanner.Outcome outcome = planner.plan(row);
        if (outcome.plan() == null) {
            return new ValidationReport.Uncovered(row.id(), row.line(), group, outcome.uncoveredReason());
        }
        SimulationResult r;
        try {
            r = Simulation.run(outcome.plan().config());
        } catch (UserInputException e) {
            return new ValidationReport.Uncovered(row.id(), row.line(), group, e.getMessage());
        }
        if (r.measuredRequests() == 0 || Double.isNaN(r.ttft().meanMs()) || Double.isNaN(r.tpot().meanMs())) {
            return new ValidationReport.Uncovered(row.id(), row.line(), group,
                    "simulation finished no measured request (" + r.rejectedRequests() + " rejected: "
                            + "prompt longer than the KV cache)");
        }
        return new RowPrediction(row, r.ttft().meanMs(), r.tpot().meanMs(), outcome.plan().assumption());
    }
}
