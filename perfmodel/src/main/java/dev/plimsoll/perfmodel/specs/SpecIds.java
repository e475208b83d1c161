package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.specs.tree.MapReader;

import java.util.regex.Pattern;

/** Spec ids: lower-case letters, digits, '.', '-' and '_', starting with a letter or digit. */
final class SpecIds {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private SpecIds() {
    }

    static String require(MapReader r, String key) {
        String id = r.string(key);
        if (!ID.matcher(id).matches()) {
            throw r.error(key, "'" + id + "' must be lower-case letters, digits, '.', '-' or '_'");
        }
        return id;
    }
}
