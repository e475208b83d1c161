package dev.plimsoll.cli;

import picocli.CommandLine.Option;

/**
 * {@code --output table|json}, one option for every command that prints a result ({@code plan},
 * {@code simulate}, {@code estimate}, {@code fleet}, {@code validate}): a table for people, or
 * JSON with stable snake_case keys for scripts.
 */
public final class OutputOptions {
    @Option(names = "--output", paramLabel = "FORMAT",
            description = "table (default) or json: stable snake_case keys, times in ms.")
    OutputFormat format = OutputFormat.TABLE;

    public OutputFormat format() {
        return format;
    }

    public boolean json() {
        return format == OutputFormat.JSON;
    }
}
