package dev.plimsoll.gui.common;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One line for the window from a failure: the user's mistake as the CLI words it, never a stack trace. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    public static String of(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof UserInputException u) {
            return u.getMessage();
        }
        if (cause instanceof UncheckedIOException io) {
            return "cannot read or write a file: " + io.getCause().getMessage();
        }
        String message = cause.getMessage();
        return "internal error (" + cause.getClass().getSimpleName() + ")"
                + (message == null || message.isBlank() ? "" : ": " + message)
                + "; please report it with the inputs that caused it";
    }

    /** Whether the failure is the user's to fix (a bad file or value) rather than an internal one. */
    public static boolean isUserError(Throwable t) {
        return unwrap(t) instanceof UserInputException;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException
                || (c instanceof RuntimeException && c.getClass() == RuntimeException.class))
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
