package dev.plimsoll.cli;

import dev.plimsoll.gui.GuiLauncher;
import dev.plimsoll.gui.ReplanBenchmark;
import dev.plimsoll.gui.Snapshots;
import dev.plimsoll.gui.service.PlanInputs;
import dev.plimsoll.perfmodel.error.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code plimsoll gui}: the desktop explorer (JavaFX), or its views rendered headless to PNG. */
@Command(name = "gui", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Opens the desktop explorer: plan, step breakdown, compare, simulate, validate and replay views.",
        description = {
                "Opens the desktop explorer: the Pareto frontier of 'plan' recomputed as you move the inputs,",
                "the picked deployment's pools, cost, bottleneck and artifacts, its step breakdown, a GPU",
                "comparison, a simulation with its time series, the validation against measured deployments and",
                "the autoscaler replay (scaling policies on a trace: load, workers, TTFT and ITL over time).",
                "Needs a display (DISPLAY or WAYLAND_DISPLAY); --snapshot renders without one."})
public final class GuiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--snapshot", paramLabel = "DIR",
            description = "Render each view headless for the README's plan question and write DIR/<view>.png.")
    Path snapshot;

    @Option(names = "--bench-replan", paramLabel = "N",
            description = "Measure, headless, the time from opening to the first frontier and from N TTFT slider "
                    + "moves to their replanned frontiers.")
    Integer benchReplan;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (snapshot != null && benchReplan != null) {
            throw new UserInputException("--snapshot and --bench-replan are separate runs; give one");
        }
        if (snapshot != null) {
            List<Path> files = Snapshots.render(snapshot, PlanInputs.reference(), m -> {
                err.println("gui: " + m);
                err.flush();
            });
            files.forEach(f -> out.println(f));
        } else if (benchReplan != null) {
            if (benchReplan < 1) {
                throw new UserInputException("--bench-replan must be >= 1, got " + benchReplan);
            }
            out.println(ReplanBenchmark.run(PlanInputs.reference(), benchReplan).describe());
        } else {
            GuiLauncher.open();
        }
        out.flush();
        return ExitCodes.OK;
    }
}
