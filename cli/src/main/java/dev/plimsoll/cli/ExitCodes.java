package dev.plimsoll.cli;

/** Process exit codes, the same for every command (README, "Exit codes"). */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something went wrong inside Plimsoll: a bug. */
    public static final int INTERNAL = 1;
    /** The user's input is wrong: bad option, file, id or impossible request. */
    public static final int BAD_INPUT = 2;
    /** The command ran, but the SLA is missed; only with {@code --fail-on-miss} ({@link MissOptions}). */
    public static final int SLA_MISSED = 3;
    /** {@code fleet --fail-on-unmet}: it answered, but the inventory leaves some demand unmet. */
    public static final int DEMAND_UNMET = 3;

    private ExitCodes() {
    }
}
