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
    private final List<String> globs = new ArrayList<>();
    private final List<String> substrings = new ArrayList<>();

    ModulePatterns(List<String> entries) {
        for (String e : entries) {
            if (e.startsWith("re:")) {
                regexes.add(regex(e));
            } else if (e.contains("*")) {
                globs.add(e);
            } else {
                substrings.add(e);
            }
        }
    }

    boolean isEmpty() {
        return regexes.isEmpty() && globs.isEmpty() && substrings.isEmpty();
    }

    boolean excludes(String module) {
        for (String s : substrings) {
            if (module.contains(s)) {
                return true;
            }
        }
        if (regexes.isEmpty() && globs.isEmpty()) {
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
                for (String g : globs) {
                    if (globMatches(g, sub)) {
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

    /**
     * Whether {@code glob} ({@code *} any run of characters, {@code ?} one) matches the whole of
     * {@code s}. Greedy with one backtrack point, so time stays within length(glob) x length(s);
     * a glob turned into a regular expression backtracks exponentially on runs of stars.
     */
    static boolean globMatches(String glob, CharSequence s) {
        int g = 0;
        int i = 0;
        int star = -1;
        int resume = 0;
        while (i < s.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == s.charAt(i))) {
                g++;
                i++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = i;
            } else if (star >= 0) {
                g = star + 1;
                i = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
