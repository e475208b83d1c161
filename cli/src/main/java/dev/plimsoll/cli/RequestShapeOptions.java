package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.error.UserInputException;
import picocli.CommandLine.Option;

/**
 * The size of a request, one set of options for every command that is given it ({@code plan},
 * {@code simulate}, {@code estimate}): {@code --isl} input tokens, {@code --osl} output tokens and
 * {@code --shared-prefix} prompt tokens every request shares (a system prompt the prefix cache
 * serves). Each command says which it needs: {@code estimate} both sizes, {@code plan} both or
 * {@code --trace}, {@code simulate} both for synthetic workloads.
 */
public final class RequestShapeOptions {
    @Option(names = "--isl", paramLabel = "I", order = 33,
            description = "Input tokens per request (simulate --sessions: new tokens per turn).")
    Integer isl;

    @Option(names = "--osl", paramLabel = "O", order = 34,
            description = "Output tokens per request (simulate --sessions: per turn).")
    Integer osl;

    @Option(names = "--shared-prefix", paramLabel = "T", order = 35,
            description = "The first T input tokens are a prompt prefix requests share (a system prompt), served from "
                    + "the prefix cache (default 0).")
    Integer sharedPrefix;

    /** Whether either size was given. */
    public boolean sizesGiven() {
        return isl != null || osl != null;
    }

    /**
     * Both sizes, checked, or one message naming what is missing; {@code alternative} is what the
     * command takes instead ("" for none).
     */
    public void requireSizes(String alternative) {
        if (isl == null || osl == null) {
            throw new UserInputException("give the request sizes: --isl and --osl (tokens in and out per request)"
                    + alternative + (isl == null && osl == null ? "" : "; got only " + (isl == null ? "--osl" : "--isl")));
        }
        positive("--isl", isl);
        positive("--osl", osl);
    }

    /** Input tokens; null when not given. */
    public Integer isl() {
        return isl;
    }

    /** Output tokens; null when not given. */
    public Integer osl() {
        return osl;
    }

    /** Shared prefix tokens; null when not given (each command checks it against its ISL). */
    public Integer sharedPrefix() {
        return sharedPrefix;
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new UserInputException(name + " must be a positive integer, got " + v);
        }
    }
}
