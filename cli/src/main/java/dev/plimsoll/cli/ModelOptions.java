package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import picocli.CommandLine.Option;

/**
 * {@code --model}, one option for every command that serves one model ({@code plan},
 * {@code simulate}, {@code estimate}): a bundled id or a Hugging Face config.json (or its
 * directory).
 */
public final class ModelOptions {
    @Option(names = "--model", required = true, paramLabel = "M",
            description = "Model id (see 'plimsoll specs list') or a Hugging Face config.json / its directory.")
    String model;

    /** The model as given, for echoes. */
    public String given() {
        return model;
    }

    public ModelSpec resolve(SpecRegistry registry) {
        return registry.model(model);
    }
}
