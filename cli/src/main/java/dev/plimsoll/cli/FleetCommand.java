package dev.plimsoll.cli;

import dev.plimsoll.cli.output.FleetOutput;
import dev.plimsoll.cli.output.Json;
import dev.plimsoll.optimizer.fleet.FleetInput;
import dev.plimsoll.optimizer.fleet.FleetResult;
import dev.plimsoll.optimizer.fleet.FleetSolver;
import dev.plimsoll.optimizer.fleet.FleetWorkload;
import dev.plimsoll.optimizer.fleet.GpuStock;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code plimsoll fleet}: several models on a GPU inventory at least cost (Timefold Solver). */
@Command(name = "fleet", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Places several models, each with its load and SLA, on a GPU inventory at the lowest cost.",
        description = {
                "Assigns engine configurations and replica counts to several models, each with its load and SLA,",
                "on a GPU inventory (types, counts, prices): never more GPUs than the inventory holds, as much of",
                "every load served as fits, then the lowest cost. Simulates every deployment at its share of",
                "the load, reports the demand the inventory carries and explains the score per constraint and the",
                "unmet demand per workload in words.",
                "Exit codes: 0 answered (unmet demand is reported, not an error; --fail-on-unmet makes it 3),",
                "2 bad input, 1 internal error."})
public final class FleetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--inventory", required = true, paramLabel = "INV.yaml",
            description = "GPU types with counts and prices (gpus: [{type, count, price_per_gpu_hour}]).")
    Path inventory;

    @Option(names = "--workloads", required = true, paramLabel = "WL.yaml",
            description = "Models with loads and SLAs (workloads: [{name, model, isl, osl, rate, ttft_ms, itl_ms}]).")
    Path workloads;

    @Option(names = "--solver-time-limit", defaultValue = "1", paramLabel = "S",
            description = "Longest wall-clock time the solver's local search may take, in seconds (default "
                    + "${DEFAULT-VALUE}); it stops sooner after " + FleetSolverDefaults.UNIMPROVED_STEPS + " steps "
                    + "without a better score.")
    double timeLimitS;

    // fleet's name before one vocabulary: simulate's --time-limit stops the simulated clock, a different thing
    @Option(names = "--time-limit", paramLabel = "S", hidden = true)
    Double oldTimeLimitS;

    @Option(names = "--fail-on-unmet",
            description = "Exit with code 3 when some demand is left unmet (default: exit 0 and report it).")
    boolean failOnUnmet;

    @Mixin
    OutputOptions output;

    @Mixin
    SpecOptions specs;

    @Mixin
    CostOptions costs;

    @Override
    public Integer call() {
        if (oldTimeLimitS != null) {
            spec.commandLine().getErr().println("plimsoll: warning: fleet's --time-limit is an old name of "
                    + "--solver-time-limit (wall-clock seconds of the solver) and goes in the next release");
            timeLimitS = oldTimeLimitS;
        }
        if (!(timeLimitS > 0)) {
            throw new UserInputException("--solver-time-limit must be a positive number of seconds, got " + timeLimitS);
        }
        List<GpuStock> stocks = FleetInput.inventory(inventory, specs.registry());
        List<FleetWorkload> wl = FleetInput.workloads(workloads, specs.registry());
        SearchSpace space = SearchSpace.defaults();
        // read every kernel table the workloads need up front, each family in parallel
        CostModelProvider provider = costs.provider();
        List<GpuSpec> types = stocks.stream().map(GpuStock::gpu).toList();
        for (FleetWorkload w : wl) {
            CalibratedCostModels.prepare(provider, w.model(), types, List.of(w.backend()));
        }
        FleetSolver solver = new FleetSolver(provider, space,
                Duration.ofMillis(Math.round(timeLimitS * 1000)), FleetSolverDefaults.UNIMPROVED_STEPS);
        FleetResult result = solver.run(wl, stocks);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(FleetOutput.json(result)));
        } else {
            out.print(FleetOutput.table(result, stocks));
        }
        out.flush();
        return failOnUnmet && result.unmetTotal() > 0 ? ExitCodes.DEMAND_UNMET : ExitCodes.OK;
    }

    /** Solver settings of the command. */
    static final class FleetSolverDefaults {
        /** Local-search steps without a better score before the solver stops (deterministic). */
        static final int UNIMPROVED_STEPS = 500;

        private FleetSolverDefaults() {
        }
    }
}
