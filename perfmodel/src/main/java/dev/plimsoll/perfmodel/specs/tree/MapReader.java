package dev.plimsoll.perfmodel.specs.tree;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, located access to one mapping of a spec file. Every value error names the file, line and
 * column of the value and the dotted key path. Each key a caller asks about is remembered, so that
 * {@link #rejectUnknownKeys()} can refuse the keys nobody asked for: a typo must not pass silently.
 * A key whose value is {@code null} counts as absent.
 */
public final class MapReader {
    private final Node.Mapping mapping;
    private final String path;
    private final Set<String> asked = new LinkedHashSet<>();

    private MapReader(Node.Mapping mapping, String path) {
        this.mapping = mapping;
        this.path = path;
    }

    /** A reader over {@code node}, which must be a mapping; {@code path} prefixes key names in messages. */
    public static MapReader of(Node node, String path) {
        if (!(node instanceof Node.Mapping)) {
            String where = path.isEmpty() ? "the document" : "'" + path + "'";
            throw new UserInputException(node.location() + ": " + where + " must be a mapping of keys, got "
                    + node.describe());
        }
        return new MapReader((Node.Mapping) node, path);
    }

    public Location location() {
        return mapping.location();
    }

    /** The dotted name of {@code key} inside this mapping. */
    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Whether {@code key} is present with a non-null value. */
    public boolean has(String key) {
        asked.add(key);
        Node n = mapping.entries().get(key);
        return n != null && !(n instanceof Node.Scalar && ((Node.Scalar) n).isNull());
    }

    public Optional<Node> optional(String key) {
        return has(key) ? Optional.of(mapping.entries().get(key)) : Optional.empty();
    }

    public Node required(String key) {
        if (!has(key)) {
            throw new UserInputException(mapping.location() + ": missing key '" + keyPath(key) + "'" + typoHint(key));
        }
        return mapping.entries().get(key);
    }

    /** Points at a present, not yet read key that looks like a misspelling of {@code key}. */
    private String typoHint(String key) {
        List<String> unread = new ArrayList<>();
        for (String k : mapping.entries().keySet()) {
            if (!asked.contains(k)) {
                unread.add(k);
            }
        }
        String near = EditDistance.nearest(key, unread, Math.max(2, key.length() / 3));
        return near == null ? "" : " (is '" + near + "' at line " + mapping.keyLocations().get(near).line()
                + " a typo?)";
    }

    public String string(String key) {
        return asString(required(key), keyPath(key));
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    public boolean bool(String key, boolean fallback) {
        return has(key) ? bool(key) : fallback;
    }

    public boolean bool(String key) {
        Node n = required(key);
        if (n instanceof Node.Scalar && ((Node.Scalar) n).kind() == Node.ScalarKind.BOOLEAN) {
            return Boolean.parseBoolean(((Node.Scalar) n).text());
        }
        throw valueError(n, keyPath(key), "must be true or false");
    }

    /** An integer greater than zero. */
    public int positiveInt(String key) {
        Node n = required(key);
        long v = asLong(n, keyPath(key));
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw valueError(n, keyPath(key), "must be a positive integer");
        }
        return (int) v;
    }

    public int positiveInt(String key, int fallback) {
        return has(key) ? positiveInt(key) : fallback;
    }

    /** An integer of zero or more. */
    public int nonNegativeInt(String key, int fallback) {
        return has(key) ? nonNegativeInt(key) : fallback;
    }

    public int nonNegativeInt(String key) {
        Node n = required(key);
        long v = asLong(n, keyPath(key));
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw valueError(n, keyPath(key), "must be an integer of 0 or more");
        }
        return (int) v;
    }

    /** A number greater than zero. */
    public double positiveDouble(String key) {
        Node n = required(key);
        double v = asDouble(n, keyPath(key));
        if (!(v > 0) || Double.isInfinite(v)) {
            throw valueError(n, keyPath(key), "must be a positive number");
        }
        return v;
    }

    /** A number of zero or more. */
    public double nonNegativeDouble(String key) {
        Node n = required(key);
        double v = asDouble(n, keyPath(key));
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw valueError(n, keyPath(key), "must be a number of 0 or more");
        }
        return v;
    }

    /** A fraction in (0, 1]. */
    public double fraction(String key) {
        Node n = required(key);
        double v = asDouble(n, keyPath(key));
        if (!(v > 0 && v <= 1)) {
            throw valueError(n, keyPath(key), "must be a fraction in (0, 1]");
        }
        return v;
    }

    public MapReader map(String key) {
        return of(required(key), keyPath(key));
    }

    public Optional<MapReader> optionalMap(String key) {
        return has(key) ? Optional.of(map(key)) : Optional.empty();
    }

    public List<Node> list(String key) {
        Node n = required(key);
        if (!(n instanceof Node.Sequence)) {
            throw valueError(n, keyPath(key), "must be a list");
        }
        return ((Node.Sequence) n).items();
    }

    public List<Node> list(String key, List<Node> fallback) {
        return has(key) ? list(key) : fallback;
    }

    /** Keys present in the mapping, in file order (not marked as asked). */
    public List<String> keys() {
        return new ArrayList<>(mapping.entries().keySet());
    }

    /** Fails on the first key that no accessor asked about, suggesting the closest known key. */
    public void rejectUnknownKeys() {
        for (Map.Entry<String, Node> e : mapping.entries().entrySet()) {
            String key = e.getKey();
            if (!asked.contains(key)) {
                String near = EditDistance.nearest(key, asked, Math.max(2, key.length() / 3));
                throw new UserInputException(mapping.keyLocations().get(key) + ": unknown key '" + keyPath(key)
                        + "'" + (near != null ? " (did you mean '" + near + "'?)" : "")
                        + "; known keys: " + String.join(", ", asked));
            }
        }
    }

    /** An error about {@code key}'s value, at its location (or at the mapping when absent). */
    public UserInputException error(String key, String message) {
        Node n = mapping.entries().get(key);
        Location loc = n != null ? n.location() : mapping.location();
        return new UserInputException(loc + ": " + keyPath(key) + " " + message);
    }

    /** An error about this mapping as a whole. */
    public UserInputException error(String message) {
        return new UserInputException(mapping.location() + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    // ---- scalar conversions, also used for list items ----

    public static String asString(Node n, String what) {
        if (n instanceof Node.Scalar && ((Node.Scalar) n).kind() != Node.ScalarKind.NULL) {
            return ((Node.Scalar) n).text();
        }
        throw valueError(n, what, "must be a string");
    }

    public static long asLong(Node n, String what) {
        if (n instanceof Node.Scalar) {
            Node.Scalar s = (Node.Scalar) n;
            try {
                if (s.kind() == Node.ScalarKind.INTEGER) {
                    return Long.parseLong(s.text().replace("_", ""));
                }
                if (s.kind() == Node.ScalarKind.FLOAT) {
                    double d = Double.parseDouble(s.text());
                    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                        return (long) d;
                    }
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw valueError(n, what, "must be an integer");
    }

    public static int asPositiveInt(Node n, String what) {
        long v = asLong(n, what);
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw valueError(n, what, "must be a positive integer");
        }
        return (int) v;
    }

    public static double asDouble(Node n, String what) {
        if (n instanceof Node.Scalar) {
            Node.Scalar s = (Node.Scalar) n;
            if (s.kind() == Node.ScalarKind.INTEGER || s.kind() == Node.ScalarKind.FLOAT) {
                try {
                    return Double.parseDouble(s.text().replace("_", ""));
                } catch (NumberFormatException e) {
                    // falls through
                }
            }
        }
        throw valueError(n, what, "must be a number");
    }

    public static UserInputException valueError(Node n, String what, String message) {
        return new UserInputException(n.location() + ": " + what + " " + message + ", got " + n.describe());
    }
}
