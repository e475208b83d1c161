package dev.plimsoll.cli;

import picocli.CommandLine;

/** Entry point of the {@code plimsoll} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 2 bad input, 1 internal error. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new PlimsollCommand());
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        cmd.setParameterExceptionHandler(new ErrorHandler.Parameters());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // help fits the 100-column terminal the tables are made for; descriptions wrap, never cut
        cmd.setUsageHelpWidth(100);
        return cmd;
    }
}
