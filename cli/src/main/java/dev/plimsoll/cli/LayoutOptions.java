package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import picocli.CommandLine.Option;

/**
 * {@code --tp --pp --ep --dp} of one engine replica, for every command that runs a layout it is
 * given ({@code estimate}; {@code simulate}, where a disaggregated fleet's pools take it unless
 * {@code --prefill-*} / {@code --decode-*} override one side). {@code plan} searches layouts.
 */
public final class LayoutOptions {
    // initial values, not defaultValue: simulate nests these in an argument group, which picocli
    // instantiates only when one of them is given
    @Option(names = "--tp", paramLabel = "N", order = 11,
            description = "Tensor parallel size of a replica (default ${DEFAULT-VALUE}).")
    int tp = 1;

    @Option(names = "--pp", paramLabel = "N", order = 11,
            description = "Pipeline parallel size (default ${DEFAULT-VALUE}).")
    int pp = 1;

    @Option(names = "--ep", paramLabel = "N", order = 11,
            description = "Expert parallel size, within the tp x dp GPUs of a stage (default ${DEFAULT-VALUE}).")
    int ep = 1;

    @Option(names = "--dp", paramLabel = "N", order = 11,
            description = "Attention data parallel size (default ${DEFAULT-VALUE}); a batch (--batch, --max-num-seqs) "
                    + "is per DP rank.")
    int dp = 1;

    public Parallelism parallelism() {
        check("--tp", tp);
        check("--pp", pp);
        check("--ep", ep);
        check("--dp", dp);
        return new Parallelism(tp, pp, ep, dp);
    }

    private static void check(String name, int v) {
        if (v < 1) {
            throw new UserInputException(name + " must be >= 1, got " + v);
        }
    }
}
