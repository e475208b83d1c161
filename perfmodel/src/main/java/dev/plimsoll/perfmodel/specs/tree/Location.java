package dev.plimsoll.perfmodel.specs.tree;

/**
 * Where a value sits in a spec file, for error messages.
 *
 * @param file   the file name or resource path as the user knows it
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record Location(String file, int line, int column) {

    /** A whole-file location, used when no line is known (for example an empty file). */
    public static Location of(String file) {
        return new Location(file, 0, 0);
    }

    /** {@code file:line:column}, or just the file when the position is unknown. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
