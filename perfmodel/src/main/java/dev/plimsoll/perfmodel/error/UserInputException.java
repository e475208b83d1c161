package dev.plimsoll.perfmodel.error;

/**
 * An error the user caused (bad YAML, unknown id, impossible layout, model that does not fit).
 * The CLI prints {@link #getMessage()} as one line and exits with code 2. The message must name
 * the offending file with line and column, or the offending value. Line breaks inside it (a
 * multi-line value echoed from the input) are written as {@code \n} and {@code \r}, so that the
 * message stays one line whatever the input holds.
 */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(oneLine(message));
    }

    public UserInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "invalid input (no detail given)";
        }
        return message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
