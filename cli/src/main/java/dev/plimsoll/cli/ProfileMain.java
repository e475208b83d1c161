package dev.plimsoll.cli;

import picocli.CommandLine;

/**
 * Entry point of the profile jar that {@code plimsoll profile --bundle} writes: the profile command
 * alone, with the same error handling and exit codes as {@code plimsoll}.
 */
public final class ProfileMain {
    private ProfileMain() {
    }

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new ProfileCommand());
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        cmd.setParameterExceptionHandler(new ErrorHandler.Parameters());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(cmd.execute(args));
    }
}
