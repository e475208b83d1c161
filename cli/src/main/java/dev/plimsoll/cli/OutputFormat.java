package dev.plimsoll.cli;

/** How a command prints its result. JSON keys are snake_case and stable; times are in ms. */
public enum OutputFormat {
    TABLE,
    JSON
}
