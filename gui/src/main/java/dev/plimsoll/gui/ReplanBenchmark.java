package dev.plimsoll.gui;

import dev.plimsoll.gui.plan.PlanViewModel;
import dev.plimsoll.gui.service.GuiServices;
import dev.plimsoll.gui.service.InputsStore;
import dev.plimsoll.gui.service.PlanInputs;
import dev.plimsoll.optimizer.search.PlanResult;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code plimsoll gui --bench-replan N}: the time from opening the explorer (headless) to its first
 * frontier, then, N times, from a move of the TTFT slider to the replanned frontier on screen
 * (the debounce included, as a user sees it).
 */
public final class ReplanBenchmark {
    private ReplanBenchmark() {
    }

    /**
     * @param openMs    start to the first frontier laid out, toolkit start and calibration reading included
     * @param replanMs  each slider move to its frontier laid out
     * @param replanCpuMs CPU time of the whole process (all threads) during each move: what the
     *                  replan costs whatever else the machine runs
     */
    public record Result(double openMs, double[] replanMs, double[] replanCpuMs) {
        public double medianReplanMs() {
            return median(replanMs);
        }

        private static double median(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2]
                    : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        public String describe() {
            double[] v = replanMs.clone();
            Arrays.sort(v);
            return String.format(Locale.ROOT, "open to first frontier: %.0f ms%nslider move to replanned frontier: "
                            + "median %.0f ms, min %.0f ms, max %.0f ms over %d moves (debounce %.0f ms included)%n"
                            + "CPU time per move, all threads: median %.0f ms on %d cores; load average %.1f",
                    openMs, medianReplanMs(), v.length == 0 ? Double.NaN : v[0],
                    v.length == 0 ? Double.NaN : v[v.length - 1], v.length, dev.plimsoll.gui.plan.PlanView.DEBOUNCE_MS,
                    median(replanCpuMs), Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    public static Result run(PlanInputs inputs, int moves) {
        long start = System.nanoTime();
        FxPlatform.useHeadless();
        FxPlatform.startup();
        GuiServices services = GuiServices.bundled();
        Explorer explorer = FxPlatform.call(() -> {
            Explorer e = new Explorer(services, InputsStore.disabled(), inputs);
            Stage stage = new Stage();
            Scene scene = e.window().scene(Snapshots.WIDTH, Snapshots.HEIGHT);
            stage.setScene(scene);
            stage.show();
            return e;
        });
        PlanViewModel vm = explorer.planView().viewModel();
        CompletableFuture<PlanResult> first = nextResult(vm);
        FxPlatform.run(() -> explorer.planView().planNow());
        await(first);
        FxPlatform.run(() -> { });
        double openMs = (System.nanoTime() - start) / 1e6;
        List<Double> replans = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        double base = inputs.ttftMs();
        for (int i = 0; i < moves; i++) {
            double ttft = i % 2 == 0 ? base * 1.2 : base;
            CompletableFuture<PlanResult> next = nextResult(vm);
            long cpu0 = processCpuNs();
            long t0 = System.nanoTime();
            FxPlatform.run(() -> vm.ttftMsProperty().set(ttft));
            await(next);
            FxPlatform.run(() -> { });
            replans.add((System.nanoTime() - t0) / 1e6);
            cpu.add((processCpuNs() - cpu0) / 1e6);
        }
        FxPlatform.run(() -> explorer.window().root().getScene().getWindow().hide());
        return new Result(openMs, replans.stream().mapToDouble(Double::doubleValue).toArray(),
                cpu.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static long processCpuNs() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Completes on the FX thread once the view model holds a new plan (or fails with its error). */
    private static CompletableFuture<PlanResult> nextResult(PlanViewModel vm) {
        CompletableFuture<PlanResult> f = new CompletableFuture<>();
        FxPlatform.run(() -> {
            ChangeListener<PlanResult> l = new ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends PlanResult> o, PlanResult a,
                                    PlanResult r) {
                    vm.resultProperty().removeListener(this);
                    f.complete(r);
                }
            };
            vm.resultProperty().addListener(l);
            vm.errorProperty().addListener((o, a, e) -> {
                if (e != null && !e.isEmpty()) {
                    f.completeExceptionally(new IllegalStateException(e));
                }
            });
        });
        return f;
    }

    private static PlanResult await(CompletableFuture<PlanResult> f) {
        try {
            return f.get(300, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the plan did not finish: " + e.getMessage(), e);
        }
    }
}
