package dev.plimsoll.cli.output;

/** Word wrapping of prose lines ("why:", "warning:") to a terminal width. */
public final class Wrap {
    /** The width output fits by default: a 100-column terminal. */
    public static final int WIDTH = 100;
    /** No wrapping ({@code --wide}). */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private Wrap() {
    }

    /**
     * {@code prefix + text}, broken between words so that no line is longer than {@code width}
     * (a single word longer than a line stays whole); continuation lines are indented under the
     * text, or by two spaces when there is no prefix. Ends with a newline.
     */
    public static String prefixed(String prefix, String text, int width) {
        String indent = prefix.isEmpty() ? "  " : " ".repeat(prefix.length());
        StringBuilder sb = new StringBuilder();
        StringBuilder line = new StringBuilder(prefix);
        boolean lineHasWord = false;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (lineHasWord && line.length() + 1 + word.length() > width) {
                sb.append(line).append('\n');
                line = new StringBuilder(indent);
                lineHasWord = false;
            }
            if (lineHasWord) {
                line.append(' ');
            }
            line.append(word);
            lineHasWord = true;
        }
        return sb.append(line).append('\n').toString();
    }
}
