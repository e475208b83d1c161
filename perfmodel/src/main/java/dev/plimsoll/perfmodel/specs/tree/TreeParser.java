package dev.plimsoll.perfmodel.specs.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses YAML or JSON text into a {@link Node} tree with locations, through Jackson's streaming
 * parser. Malformed input, duplicate keys, an empty file or a second YAML document are
 * {@link UserInputException}s naming the file, line and column.
 */
public final class TreeParser {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private TreeParser() {
    }

    public static Node parseYaml(String text, String file) {
        return parse(YAML, text, file, "YAML");
    }

    public static Node parseJson(String text, String file) {
        return parse(JSON, text, file, "JSON");
    }

    /** Reads a file as YAML or JSON by its extension ({@code .json} is JSON). */
    public static Node parseFile(Path path) {
        String text = readFile(path);
        String name = path.toString();
        return name.endsWith(".json") ? parseJson(text, name) : parseYaml(text, name);
    }

    public static String readFile(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException(path + ": no such file");
        } catch (IOException e) {
            throw new UserInputException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Node parse(JsonFactory factory, String text, String file, String format) {
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new UserInputException(file + ": empty " + format + " file");
            }
            Node root = read(p, file);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new UserInputException(at(p.currentTokenLocation(), file)
                        + ": unexpected content after the first " + format + " document");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new UserInputException(at(e.getLocation(), file) + ": malformed " + format + ": "
                    + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Node read(JsonParser p, String file) throws IOException {
        JsonToken t = p.currentToken();
        Location loc = at(p.currentTokenLocation(), file);
        switch (t) {
            case START_OBJECT:
                return readMapping(p, file, loc);
            case START_ARRAY:
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, file));
                }
                return new Node.Sequence(items, loc);
            case VALUE_NUMBER_INT:
                return new Node.Scalar(Node.ScalarKind.INTEGER, p.getText(), loc);
            case VALUE_NUMBER_FLOAT:
                return new Node.Scalar(Node.ScalarKind.FLOAT, p.getText(), loc);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.Scalar(Node.ScalarKind.BOOLEAN, p.getText(), loc);
            case VALUE_NULL:
                return new Node.Scalar(Node.ScalarKind.NULL, "null", loc);
            case VALUE_STRING:
                return new Node.Scalar(Node.ScalarKind.STRING, p.getText(), loc);
            default:
                throw new UserInputException(loc + ": unsupported value " + t);
        }
    }

    private static Node readMapping(JsonParser p, String file, Location loc) throws IOException {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new HashMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String key = p.currentName();
            Location keyLoc = at(p.currentTokenLocation(), file);
            if (entries.containsKey(key)) {
                throw new UserInputException(keyLoc + ": duplicate key '" + key + "' (first at line "
                        + keys.get(key).line() + ")");
            }
            p.nextToken();
            entries.put(key, read(p, file));
            keys.put(key, keyLoc);
        }
        return new Node.Mapping(entries, keys, loc);
    }

    private static Location at(JsonLocation l, String file) {
        if (l == null || l.getLineNr() <= 0) {
            return Location.of(file);
        }
        return new Location(file, l.getLineNr(), Math.max(l.getColumnNr(), 1));
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "parse error";
        }
        return message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
