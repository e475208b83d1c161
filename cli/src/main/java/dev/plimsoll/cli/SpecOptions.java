package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.specs.SpecRegistry;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --specs-dir, shared by every command that resolves GPU or model ids. */
public final class SpecOptions {
    @Option(names = "--specs-dir", paramLabel = "DIR",
            description = "Directory of hardware and model spec YAML files that add to or override the bundled ones.")
    Path specsDir;

    private SpecRegistry registry;

    public SpecRegistry registry() {
        if (registry == null) {
            registry = SpecRegistry.load(specsDir);
        }
        return registry;
    }
}
