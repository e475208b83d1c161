package dev.plimsoll.perfmodel.workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams an Azure LLM inference trace (Microsoft Azure Public Dataset; Patel et al., "Splitwise",
 * ISCA 2024): CSV with a header naming TIMESTAMP, ContextTokens and GeneratedTokens in any order
 * (other columns are ignored). Timestamps are {@code yyyy-MM-dd HH:mm:ss[.fffffff][Z|+hh:mm]} or
 * plain seconds; arrivals are counted from the first request. A request that generated 0 tokens
 * still ran a prefill that produced its first token, so it is replayed with 1 output token.
 *
 * <p>Every malformed line stops the replay with a {@link
 * dev.plimsoll.perfmodel.error.UserInputException} naming {@code file:line:column} and the reason.
 */
public final class AzureTraceReader implements ArrivalSource {
    static final String TIMESTAMP = "TIMESTAMP";
    static final String CONTEXT_TOKENS = "ContextTokens";
    static final String GENERATED_TOKENS = "GeneratedTokens";

    private final TraceLines lines;
    private final int timestampColumn;
    private final int contextColumn;
    private final int generatedColumn;
    private final int fieldsNeeded;
    private final List<String> fields = new ArrayList<>(8);
    private final List<Integer> fieldStarts = new ArrayList<>(8);
    private long firstTicks = Timestamps.INVALID;
    private long previousTicks = Long.MIN_VALUE;
    private long requests;

    public AzureTraceReader(Path file) {
        this.lines = new TraceLines(file);
        try {
            String header = lines.next();
            while (header != null && header.isBlank()) {
                header = lines.next();
            }
            if (header == null) {
                throw lines.fileError("empty trace: expected a header line TIMESTAMP,ContextTokens,GeneratedTokens");
            }
            split(header);
            this.timestampColumn = column(TIMESTAMP, header);
            this.contextColumn = column(CONTEXT_TOKENS, header);
            this.generatedColumn = column(GENERATED_TOKENS, header);
            this.fieldsNeeded = Math.max(timestampColumn, Math.max(contextColumn, generatedColumn)) + 1;
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    private int column(String name, String header) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw lines.fileError("missing column " + name + " in header line " + lines.lineNumber() + " ('" + header
                + "'); an Azure trace needs TIMESTAMP, ContextTokens and GeneratedTokens");
    }

    @Override
    public TimedRequest next() {
        String line = lines.next();
        while (line != null && line.isBlank()) {
            line = lines.next();
        }
        if (line == null) {
            if (requests == 0) {
                throw lines.fileError("trace has a header but no requests");
            }
            return null;
        }
        split(line);
        if (fields.size() < fieldsNeeded) {
            throw lines.error(1, "expected at least " + fieldsNeeded + " comma-separated fields, found "
                    + fields.size());
        }
        long ticks = timestampTicks(timestampColumn);
        int context = tokens(contextColumn, CONTEXT_TOKENS);
        if (context == 0) {
            throw lines.error(fieldStarts.get(contextColumn), CONTEXT_TOKENS + " = 0: a request needs at least one"
                    + " prompt token");
        }
        int generated = Math.max(1, tokens(generatedColumn, GENERATED_TOKENS));
        if (ticks < previousTicks) {
            throw lines.error(fieldStarts.get(timestampColumn), "timestamp '" + fields.get(timestampColumn)
                    + "' is earlier than the line before; sort the trace by time");
        }
        previousTicks = ticks;
        if (firstTicks == Timestamps.INVALID) {
            firstTicks = ticks;
        }
        requests++;
        return new TimedRequest((ticks - firstTicks) / Timestamps.TICKS_PER_MS, new RequestShape(context, generated));
    }

    private int tokens(int column, String name) {
        String text = fields.get(column);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw lines.error(fieldStarts.get(column), name + " '" + text + "' is not a whole number of tokens");
        }
        if (value < 0) {
            throw lines.error(fieldStarts.get(column), name + " = " + value + " is negative");
        }
        if (value > Integer.MAX_VALUE) {
            throw lines.error(fieldStarts.get(column), name + " = " + value + " is too large");
        }
        return (int) value;
    }

    private long timestampTicks(int column) {
        String text = fields.get(column);
        long ticks = Timestamps.parseTicks(text);
        if (ticks == Timestamps.INVALID) {
            throw lines.error(fieldStarts.get(column), TIMESTAMP + " '" + text
                    + "' is not a time (expected yyyy-MM-dd HH:mm:ss.fffffff or seconds)");
        }
        return ticks;
    }

    /** Splits on commas, trimming blanks and one level of double quotes; records 1-based starts. */
    private void split(String line) {
        fields.clear();
        fieldStarts.clear();
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            int end = comma < 0 ? line.length() : comma;
            int s = start;
            int e = end;
            while (s < e && Character.isWhitespace(line.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
                e--;
            }
            if (e - s >= 2 && line.charAt(s) == '"' && line.charAt(e - 1) == '"') {
                s++;
                e--;
            }
            fields.add(line.substring(s, e));
            fieldStarts.add(s + 1);
            if (comma < 0) {
                return;
            }
            start = comma + 1;
        }
    }

    @Override
    public void close() {
        lines.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AzureTraceReader[%s]", lines.file());
    }
}
