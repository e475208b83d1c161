package dev.plimsoll.profiler.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A helper process spoken to one line at a time (the cuBLASLt benchmark, the PyTorch SDPA script):
 * a request line in, one answer line out, each answer awaited with a time limit. What the process
 * prints on stderr is kept (its last lines) for error messages.
 */
public final class LineProcess implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private static final int STDERR_LINES = 20;

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private LineProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), true), name + "-stdout");
        Thread err = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), false), name + "-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        this.stdoutPump = out;
        this.stderrPump = err;
    }

    public static LineProcess start(String name, List<String> command) {
        try {
            return new LineProcess(name, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    private void pump(BufferedReader r, boolean answersStream) {
        try (r) {
            String line;
            while ((line = r.readLine()) != null) {
                if (answersStream) {
                    answers.add(line);
                } else {
                    synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > STDERR_LINES) {
                            stderrTail.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process went away; the EOF marker below tells the waiting request
        } finally {
            if (answersStream) {
                answers.add(EOF);
            }
        }
    }

    /**
     * Sends one request and waits for its answer.
     *
     * @throws HelperFailure when the process has exited, does not answer in time, or answers "fatal"
     */
    public String request(String line, long timeoutS) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new HelperFailure(lastWords().orElse(name + " is no longer running") + stderr(), e);
        }
        String answer;
        try {
            answer = answers.poll(timeoutS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelperFailure(name + ": interrupted", e);
        }
        if (answer == null) {
            throw new HelperFailure(name + " did not answer '" + line + "' within " + timeoutS + " s" + stderr());
        }
        if (answer.equals(EOF)) {
            answers.add(EOF);
            throw new HelperFailure(name + " exited" + exitCode() + stderr());
        }
        Optional<String> fatal = fatal(answer);
        if (fatal.isPresent()) {
            throw new HelperFailure(fatal.get() + stderr());
        }
        return answer;
    }

    /**
     * What a helper that exited before reading its request said on its way out: its "fatal" line (a
     * helper that cannot start, such as the SDPA script without PyTorch, says why and exits at once,
     * so the request may find its stdin closed before its answer is read).
     */
    private Optional<String> lastWords() {
        try {
            stdoutPump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String answer = answers.peek();
        return answer == null ? Optional.empty() : fatal(answer);
    }

    /** The helper's reason, named, when {@code answer} is its "fatal" line. */
    private Optional<String> fatal(String answer) {
        return answer.startsWith("fatal")
                ? Optional.of(name + ": " + answer.substring("fatal".length()).strip()) : Optional.empty();
    }

    /** The exit code once the process has ended, after its last stderr lines are read. */
    private String exitCode() {
        try {
            boolean ended = process.waitFor(2, TimeUnit.SECONDS);
            stderrPump.join(2000);
            return ended ? " with code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String stderr() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : " (stderr: " + String.join(" | ", stderrTail) + ")";
        }
    }

    @Override
    public void close() {
        try {
            stdin.write("quit\n");
            stdin.flush();
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The helper process failed as a whole (not one request). */
    public static final class HelperFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelperFailure(String message) {
            super(message);
        }

        HelperFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
