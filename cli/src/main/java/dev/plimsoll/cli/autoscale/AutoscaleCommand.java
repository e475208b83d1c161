package dev.plimsoll.cli.autoscale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code plimsoll autoscale}: the autoscaler's commands. */
@Command(name = "autoscale", mixinStandardHelpOptions = true,
        header = "The autoscaler: the live controller (run) and trace replay against the simulator (replay).",
        description = {"The live autoscaler: run the controller against a cluster (run), or replay a trace",
                "through the serving simulator under a scaling policy (plimsoll, dynamo, hpa, keda, static-peak,",
                "oracle)."},
        subcommands = {AutoscaleRunCommand.class, AutoscaleReplayCommand.class})
public final class AutoscaleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
