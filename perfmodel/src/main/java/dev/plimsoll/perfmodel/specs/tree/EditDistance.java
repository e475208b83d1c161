package dev.plimsoll.perfmodel.specs.tree;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Levenshtein distance and "closest names" suggestions for unknown ids and keys. */
public final class EditDistance {
    private EditDistance() {
    }

    /** Insertions, deletions and substitutions turning {@code a} into {@code b}. */
    public static int between(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * The {@code limit} candidates closest to {@code query}, case-insensitive. Ids are ranked first
     * by the distance of their family (the part before the first '-': {@code h100} of
     * {@code h100-sxm}), then by the distance of the whole id, then alphabetically, so that a typo
     * in the family keeps the family's variants together.
     */
    public static List<String> closest(String query, Collection<String> candidates, int limit) {
        String q = query.toLowerCase(Locale.ROOT);
        String qFamily = family(q);
        Comparator<String> order = Comparator
                .comparingInt((String c) -> between(qFamily, family(c.toLowerCase(Locale.ROOT))))
                .thenComparingInt(c -> between(q, c.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder());
        return candidates.stream().sorted(order).limit(limit).collect(Collectors.toList());
    }

    /** The single closest candidate, or null when none is within {@code maxDistance}. */
    public static String nearest(String query, Collection<String> candidates, int maxDistance) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = between(query, c);
            if (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= maxDistance ? best : null;
    }

    private static String family(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }
}
