package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/** Range checks of option values, each failing with one line that names the option and the value. */
final class Checks {
    private Checks() {
    }

    static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new UserInputException(option + " must be a positive integer, got " + value);
        }
    }

    static void positive(String option, Long value) {
        if (value != null && value < 1) {
            throw new UserInputException(option + " must be a positive integer, got " + value);
        }
    }

    static void nonNegative(String option, Integer value) {
        if (value != null && value < 0) {
            throw new UserInputException(option + " must be >= 0, got " + value);
        }
    }

    /** Finite and > 0 (NaN and infinity parse as doubles and are refused here). */
    static void positive(String option, Double value) {
        if (value != null && (!(value > 0) || Double.isInfinite(value))) {
            throw new UserInputException(option + " must be a positive number, got " + show(value));
        }
    }

    static void nonNegative(String option, Double value) {
        if (value != null && (!(value >= 0) || Double.isInfinite(value))) {
            throw new UserInputException(option + " must be a number >= 0, got " + show(value));
        }
    }

    /** In [lo, hi]. */
    static void within(String option, Double value, double lo, double hi) {
        if (value != null && !(value >= lo && value <= hi)) {
            throw new UserInputException(option + " must be between " + show(lo) + " and " + show(hi) + ", got "
                    + show(value));
        }
    }

    /** {@code option} may only be given together with {@code context}. */
    static void onlyWith(String option, Object value, boolean allowed, String context) {
        if (value != null && !allowed) {
            throw new UserInputException(option + " applies only " + context);
        }
    }

    static String show(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
