package dev.plimsoll.cli;

import picocli.CommandLine.Command;

/** The top-level command: a list of subcommands. */
@Command(name = "plimsoll",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Capacity planner and performance model for LLM inference serving (vLLM, SGLang, TensorRT-LLM).",
                "Predicts prefill and decode latency, throughput and memory per GPU type and parallel layout.",
                "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 the SLA is missed (with --fail-on-miss)."},
        subcommands = {
                EstimateCommand.class,
                PlanCommand.class,
                SimulateCommand.class,
                FleetCommand.class,
                dev.plimsoll.cli.autoscale.AutoscaleCommand.class,
                SpecsCommand.class,
                ValidateCommand.class,
                GuiCommand.class,
                CalibrateCommand.class,
                ProfileCommand.class,
                BenchCommand.class,
                picocli.CommandLine.HelpCommand.class})
public final class PlimsollCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
