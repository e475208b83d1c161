package dev.plimsoll.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TextTable} with optional columns: those left out first that matter least, until the
 * table fits a width. Columns of priority 0 always stay; a higher number goes earlier.
 */
public final class FittingTable {
    private final List<String> headers = new ArrayList<>();
    private final List<Integer> priorities = new ArrayList<>();
    private final List<Boolean> right = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** Adds a column; {@code priority} 0 for one that always stays. */
    public FittingTable column(String header, boolean rightAligned, int priority) {
        headers.add(header);
        right.add(rightAligned);
        priorities.add(priority);
        return this;
    }

    public FittingTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /** The table without the optional columns that would make a line longer than {@code width}. */
    public String render(int width) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            kept.add(i);
        }
        while (lineWidth(kept) > width) {
            int drop = -1;
            for (int i : kept) {
                if (priorities.get(i) > 0 && (drop < 0 || priorities.get(i) > priorities.get(drop))) {
                    drop = i;
                }
            }
            if (drop < 0) {
                break;
            }
            kept.remove(Integer.valueOf(drop));
        }
        TextTable t = new TextTable(pick(headers, kept));
        int[] align = kept.stream().filter(right::get).mapToInt(kept::indexOf).toArray();
        t.rightAlign(align);
        for (List<String> r : rows) {
            t.row((Object[]) pick(r, kept));
        }
        return t.render();
    }

    private int lineWidth(List<Integer> columns) {
        int total = 0;
        for (int c : columns) {
            int w = headers.get(c).length();
            for (List<String> r : rows) {
                w = Math.max(w, r.get(c).length());
            }
            total += w + 2;
        }
        return total - 2;
    }

    private static String[] pick(List<String> cells, List<Integer> columns) {
        String[] out = new String[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = cells.get(columns.get(i));
        }
        return out;
    }
}
