package dev.plimsoll.perfmodel.specs.tree;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON value that remembers where it came from, so that every error about a
 * spec can name the file, line and column. Jackson's own {@code JsonNode} tree drops locations.
 */
public sealed interface Node permits Node.Scalar, Node.Mapping, Node.Sequence {

    Location location();

    /** Short name of the node kind for messages ("a number", "a mapping", ...). */
    String describe();

    /** Scalar kinds as the parser typed them. */
    enum ScalarKind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /** A string, number, boolean or null. {@code text} is the value as written. */
    record Scalar(ScalarKind kind, String text, Location location) implements Node {
        @Override
        public String describe() {
            switch (kind) {
                case INTEGER: return "the integer " + text;
                case FLOAT: return "the number " + text;
                case BOOLEAN: return "the boolean " + text;
                case NULL: return "null";
                default: return "the string '" + text + "'";
            }
        }

        public boolean isNull() {
            return kind == ScalarKind.NULL;
        }
    }

    /** Keys in file order. */
    record Mapping(Map<String, Node> entries, Map<String, Location> keyLocations, Location location)
            implements Node {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLocations = Map.copyOf(keyLocations);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<Node> items, Location location) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
