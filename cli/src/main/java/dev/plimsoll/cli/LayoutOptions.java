package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import picocli.CommandLine.Option;

/** --tp --pp --ep --dp of one engine replica. */
public final class LayoutOptions {
    @Option(names = "--tp", defaultValue = "1", paramLabel = "N", description = "Tensor parallel size (default ${DEFAULT-VALUE}).")
    int tp;

    @Option(names = "--pp", defaultValue = "1", paramLabel = "N", description = "Pipeline parallel size (default ${DEFAULT-VALUE}).")
    int pp;

    @Option(names = "--ep", defaultValue = "1", paramLabel = "N",
            description = "Expert parallel size, within the tp x dp GPUs of a stage (default ${DEFAULT-VALUE}).")
    int ep;

    @Option(names = "--dp", defaultValue = "1", paramLabel = "N",
            description = "Attention data parallel size (default ${DEFAULT-VALUE}); --batch is per DP rank.")
    int dp;

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
