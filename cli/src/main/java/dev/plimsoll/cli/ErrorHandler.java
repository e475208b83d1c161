package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.error.UserInputException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Turns failures into one line on stderr: user errors exit 2, internal errors exit 1 (with the
 * stack trace only when PLIMSOLL_DEBUG is set).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        Throwable cause = ex;
        while (cause != null && !(cause instanceof UserInputException) && cause.getCause() != null
                && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof UserInputException) {
            err.println("plimsoll: " + cause.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println("plimsoll: internal error: " + ex);
        if (System.getenv("PLIMSOLL_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("(set PLIMSOLL_DEBUG=1 for the stack trace; please report it)");
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** Bad options: one line and a pointer to --help, exit 2. */
    static final class Parameters implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("plimsoll: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }
}
