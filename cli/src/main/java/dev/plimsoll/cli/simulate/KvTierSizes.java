package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/** Parsing of the sizes and ranges the KV-tier and session options take. */
public final class KvTierSizes {
    private KvTierSizes() {
    }

    /**
     * "512GB", "4TB", "100GiB", "1.5TiB" or a plain number of GB (decimal units as in the specs).
     *
     * @param where the option and value, for the error message
     */
    public static long bytes(String text, String where) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        double unit = 1e9;
        String[][] units = {{"TIB", "1099511627776"}, {"GIB", "1073741824"}, {"TB", "1e12"}, {"GB", "1e9"},
                {"T", "1e12"}, {"G", "1e9"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Double.parseDouble(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        double value;
        try {
            value = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new UserInputException(where + ": '" + text + "' is not a size like 512GB or 4TB");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserInputException(where + ": size '" + text + "' must be > 0");
        }
        return (long) (value * unit);
    }

    /** "A-B" (or one number) as {min, max}, both >= 0. */
    public static double[] range(String option, String text) {
        String[] parts = text.trim().split("-");
        try {
            double lo = Double.parseDouble(parts[0].trim());
            double hi = parts.length == 1 ? lo : Double.parseDouble(parts[1].trim());
            if (parts.length > 2 || !(lo >= 0) || !(hi >= lo) || Double.isInfinite(hi)) {
                throw new NumberFormatException();
            }
            return new double[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new UserInputException(option + " must be a range A-B with 0 <= A <= B, got '" + text + "'");
        }
    }
}
