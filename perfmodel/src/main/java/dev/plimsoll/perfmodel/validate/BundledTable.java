package dev.plimsoll.perfmodel.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated table shipped in the jar (the InferenceX transcriptions under {@code inferencex/}):
 * {@code #} comment lines with its source, one header line, then one record a line.
 */
final class BundledTable {
    /** Turns a table's text into a value. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(BufferedReader in) throws IOException;
    }

    private BundledTable() {
    }

    /** The records of a table, each split at its commas; comment and blank lines and the header left out. */
    static List<String[]> records(BufferedReader in) throws IOException {
        List<String[]> out = new ArrayList<>();
        boolean header = true;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            out.add(line.split(",", -1));
        }
        return out;
    }

    /** Reads the table {@code resource} of the jar with {@code parser}. */
    static <T> T load(String resource, Parser<T> parser) {
        try (InputStream in = BundledTable.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parser.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
