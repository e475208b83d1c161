package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A quantisation exclusion list ({@code modules_to_not_convert}, modelopt {@code exclude_modules},
 * compressed-tensors {@code ignore}). An entry excludes a module when it names the module or one of
 * its parents: {@code re:}-prefixed entries are regular expressions (compressed-tensors), entries
 * with {@code *} are globs (modelopt, gpt-oss) matched against every dotted sub-path, and plain
 * entries match as substrings, as transformers' fp8 and mxfp4 integrations test them.
 */
final class ModulePatterns {
    private final List<Pattern> regexes = new ArrayList<>();
    private final List<String> substrings = new ArrayList<>();

    ModulePatterns(List<String> entries) {
        for (String e : entries) {
            if (e.startsWith("re:")) {
                regexes.add(regex(e));
            } else if (e.contains("*")) {
                regexes.add(glob(e));
            } else {
                substrings.add(e);
            }
        }
    }

    boolean isEmpty() {
        return regexes.isEmpty() && substrings.isEmpty();
    }

    boolean excludes(String module) {
        for (String s : substrings) {
            if (module.contains(s)) {
                return true;
            }
        }
        if (regexes.isEmpty()) {
            return false;
        }
        String[] parts = module.split("\\.");
        for (int from = 0; from < parts.length; from++) {
            StringBuilder sub = new StringBuilder();
            for (int to = from; to < parts.length; to++) {
                if (to > from) {
                    sub.append('.');
                }
                sub.append(parts[to]);
                for (Pattern p : regexes) {
                    if (p.matcher(sub).matches()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when every module is excluded (an empty list of modules is not "all excluded"). */
    boolean excludesAll(List<String> modules) {
        return !modules.isEmpty() && modules.stream().allMatch(this::excludes);
    }

    private static Pattern regex(String entry) {
        try {
            return Pattern.compile(entry.substring(3));
        } catch (PatternSyntaxException ex) {
            throw new UserInputException("module pattern '" + entry + "' is not a regular expression: "
                    + ex.getDescription() + " at index " + ex.getIndex());
        }
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char ch : g.toCharArray()) {
            if (ch == '*') {
                re.append(".*");
            } else if (ch == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
