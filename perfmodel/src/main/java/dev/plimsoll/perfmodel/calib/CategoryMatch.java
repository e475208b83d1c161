package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelRow;

/** The measured category nearest a wanted one, label by label. */
final class CategoryMatch {
    private CategoryMatch() {
    }

    /**
     * The category of {@code measured} sharing most labels position by position with {@code wanted}
     * (ties: the first in iteration order); null when there is none.
     */
    static String closest(Iterable<String> measured, String wanted) {
        String[] w = KernelRow.splitCategory(wanted);
        String best = null;
        int bestScore = -1;
        for (String c : measured) {
            String[] l = KernelRow.splitCategory(c);
            int score = 0;
            for (int i = 0; i < Math.min(w.length, l.length); i++) {
                score += w[i].equals(l[i]) ? 1 : 0;
            }
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }
}
