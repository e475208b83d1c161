package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A trace file read one line at a time, with its line number for error messages
 * ({@code file:line:column: reason}). Shared by the trace readers.
 */
final class TraceLines implements AutoCloseable {
    private final Path file;
    private final BufferedReader reader;
    private int lineNumber;

    TraceLines(Path file) {
        this.file = file;
        try {
            // bytes that are not UTF-8 decode to U+FFFD, refused in next() at their line and column
            this.reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": trace file not found");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read trace file: " + e.getMessage(), e);
        }
    }

    /** The next line without its terminator, or {@code null} at the end of the file. */
    String next() {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                int bad = line.indexOf('\uFFFD');
                if (bad >= 0) {
                    throw error(bad + 1, "not UTF-8 text (is this a trace file?)");
                }
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": read failed at line " + (lineNumber + 1), e);
        }
    }

    int lineNumber() {
        return lineNumber;
    }

    Path file() {
        return file;
    }

    /** An error at a column (1-based) of the current line. */
    UserInputException error(int column, String reason) {
        return new UserInputException(file + ":" + lineNumber + ":" + column + ": " + reason);
    }

    /** An error about the whole file. */
    UserInputException fileError(String reason) {
        return new UserInputException(file + ": " + reason);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
