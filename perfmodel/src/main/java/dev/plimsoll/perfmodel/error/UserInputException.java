package dev.plimsoll.perfmodel.error;

/**
 * An error the user caused (bad YAML, unknown id, impossible layout, model that does not fit).
 * The CLI prints {@link #getMessage()} as one line and exits with code 2. The message must name
 * the offending file with line and column, or the offending value.
 */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
