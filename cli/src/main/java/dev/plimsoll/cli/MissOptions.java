package dev.plimsoll.cli;

import picocli.CommandLine.Option;

/** {@code --fail-on-miss}: a script's way to tell "ran, but the SLA is missed" from success. */
public final class MissOptions {
    @Option(names = "--fail-on-miss",
            description = "Exit with status " + ExitCodes.SLA_MISSED + " when the command ran but the SLA is missed "
                    + "(default: exit 0 and say so in the output).")
    boolean failOnMiss;

    /** The exit status of a command that ran to the end. */
    public int exitCode(boolean slaMet) {
        return failOnMiss && !slaMet ? ExitCodes.SLA_MISSED : ExitCodes.OK;
    }

    public boolean failOnMiss() {
        return failOnMiss;
    }
}
