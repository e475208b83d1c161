package dev.plimsoll.perfmodel.workload;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;

/**
 * Streams a Mooncake trace (kvcache-ai/Mooncake, "Mooncake: A KVCache-centric Disaggregated
 * Architecture for LLM Serving", FAST 2025): one JSON object per line with {@code timestamp}
 * (milliseconds), {@code input_length}, {@code output_length} and {@code hash_ids}, the ids of the
 * prompt's 512-token prefix blocks (optional here; without it no prefix sharing is known). Arrivals
 * are counted from the first request. A request with {@code output_length} 0 is replayed with 1
 * output token (its prefill still produced one).
 *
 * <p>Every malformed line stops the replay with a {@link
 * dev.plimsoll.perfmodel.error.UserInputException} naming {@code file:line:column} and the reason.
 */
public final class MooncakeTraceReader implements ArrivalSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long[] NO_HASHES = new long[0];

    private final TraceLines lines;
    private final int hashBlockTokens;
    private double firstMs = Double.NaN;
    private double previousMs = Double.NEGATIVE_INFINITY;
    private long requests;
    private String line;

    public MooncakeTraceReader(Path file) {
        this(file, TraceFormat.MOONCAKE_HASH_BLOCK_TOKENS);
    }

    /** @param hashBlockTokens tokens per prefix block named by one hash id */
    public MooncakeTraceReader(Path file, int hashBlockTokens) {
        if (hashBlockTokens < 1) {
            throw new IllegalArgumentException("hash block size must be >= 1, got " + hashBlockTokens);
        }
        this.lines = new TraceLines(file);
        this.hashBlockTokens = hashBlockTokens;
    }

    @Override
    public TimedRequest next() {
        line = lines.next();
        while (line != null && line.isBlank()) {
            line = lines.next();
        }
        if (line == null) {
            if (requests == 0) {
                throw lines.fileError("empty trace: no requests (expected one JSON object per line with timestamp,"
                        + " input_length, output_length)");
            }
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int column = at == null || at.getColumnNr() < 1 ? 1 : at.getColumnNr();
            throw lines.error(column, "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw lines.error(1, "expected a JSON object with timestamp, input_length and output_length");
        }
        double timeMs = number(node, "timestamp");
        if (timeMs < 0) {
            throw lines.error(column("timestamp"), "timestamp = " + timeMs + " is negative");
        }
        int input = tokens(node, "input_length");
        if (input == 0) {
            throw lines.error(column("input_length"), "input_length = 0: a request needs at least one prompt token");
        }
        int output = Math.max(1, tokens(node, "output_length"));
        long[] hashes = hashes(node);
        if (timeMs < previousMs) {
            throw lines.error(column("timestamp"), "timestamp " + node.get("timestamp").asText()
                    + " is earlier than the line before; sort the trace by time");
        }
        previousMs = timeMs;
        if (Double.isNaN(firstMs)) {
            firstMs = timeMs;
        }
        requests++;
        return new TimedRequest(timeMs - firstMs, new RequestShape(input, output, hashes,
                hashes.length == 0 ? 0 : hashBlockTokens));
    }

    private double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw lines.error(1, "missing field '" + field + "'");
        }
        if (!value.isNumber()) {
            throw lines.error(column(field), field + " '" + value.asText() + "' is not a number");
        }
        return value.asDouble();
    }

    private int tokens(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw lines.error(1, "missing field '" + field + "'");
        }
        if (!value.isIntegralNumber()) {
            throw lines.error(column(field), field + " '" + value.asText() + "' is not a whole number of tokens");
        }
        long v = value.asLong();
        if (v < 0) {
            throw lines.error(column(field), field + " = " + v + " is negative");
        }
        if (v > Integer.MAX_VALUE || !value.canConvertToLong()) {
            throw lines.error(column(field), field + " = " + value.asText() + " is too large");
        }
        return (int) v;
    }

    private long[] hashes(JsonNode node) {
        JsonNode value = node.get("hash_ids");
        if (value == null || value.isNull()) {
            return NO_HASHES;
        }
        if (!value.isArray()) {
            throw lines.error(column("hash_ids"), "hash_ids must be an array of block ids");
        }
        long[] hashes = new long[value.size()];
        for (int i = 0; i < hashes.length; i++) {
            JsonNode id = value.get(i);
            if (!id.isIntegralNumber()) {
                throw lines.error(column("hash_ids"), "hash_ids[" + i + "] '" + id.asText() + "' is not an integer");
            }
            hashes[i] = id.asLong();
        }
        return hashes;
    }

    private int column(String field) {
        int at = line.indexOf('"' + field + '"');
        return at < 0 ? 1 : at + 1;
    }

    @Override
    public void close() {
        lines.close();
    }
}
