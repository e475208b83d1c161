package dev.plimsoll.perfmodel.error;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The property every fuzz test of a reader checks: for any input the reader returns a value or
 * throws a {@link UserInputException} whose message is one non-empty line. Any other throwable
 * (NullPointerException, NumberFormatException, a Jackson exception, IllegalArgumentException,
 * StackOverflowError, OutOfMemoryError, ...) propagates, and Jazzer reports it as a finding.
 */
public final class ReaderContract {
    private static Path dir;

    private ReaderContract() {
    }

    /** Runs {@code read}; a UserInputException passes when its message is one non-empty line. */
    public static void holds(Runnable read) {
        try {
            read.run();
        } catch (UserInputException e) {
            requireOneLine(e);
        }
    }

    public static void requireOneLine(UserInputException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            throw new AssertionError("a UserInputException must carry one non-empty line, got: " + m, e);
        }
    }

    /**
     * Writes {@code bytes} to {@code name} in a scratch directory made once per JVM (the readers
     * that take a path read it from there); the file is overwritten by the next call.
     */
    public static synchronized Path file(String name, byte[] bytes) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("plimsoll-fuzz");
                dir.toFile().deleteOnExit();
            }
            Path p = dir.resolve(name);
            Files.write(p, bytes);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
