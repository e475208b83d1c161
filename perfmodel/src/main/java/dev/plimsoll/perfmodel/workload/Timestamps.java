package dev.plimsoll.perfmodel.workload;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Parses trace timestamps without allocating a formatter per line. */
final class Timestamps {
    private static final double MS_PER_DAY = 86_400_000.0;

    private Timestamps() {
    }

    /**
     * Milliseconds since the epoch of {@code yyyy-MM-dd[ T]HH:mm:ss[.f...][Z|+hh:mm|-hh:mm]}, or of
     * a plain number of seconds; {@code NaN} when the text is neither.
     */
    static double parseMs(String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        if (s.length() < 19 || s.charAt(4) != '-') {
            return plainSeconds(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        char sep = s.charAt(10);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || s.charAt(7) != '-'
                || (sep != ' ' && sep != 'T') || s.charAt(13) != ':' || s.charAt(16) != ':' || hour > 23
                || minute > 59 || second > 60) {
            return Double.NaN;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Double.NaN;
        }
        int i = 19;
        double fractionMs = 0;
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            double scale = 100.0;
            int first = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                fractionMs += (s.charAt(i) - '0') * scale;
                scale /= 10.0;
                i++;
            }
            if (i == first) {
                return Double.NaN;
            }
        }
        double offsetMs = 0;
        if (i < s.length()) {
            char c = s.charAt(i);
            if (c == 'Z' && i == s.length() - 1) {
                offsetMs = 0;
            } else if ((c == '+' || c == '-') && s.length() - i == 6 && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, 2);
                int om = digits(s, i + 4, 2);
                if (oh < 0 || om < 0) {
                    return Double.NaN;
                }
                offsetMs = (c == '+' ? 1 : -1) * (oh * 3_600_000.0 + om * 60_000.0);
            } else {
                return Double.NaN;
            }
        }
        return epochDay * MS_PER_DAY + hour * 3_600_000.0 + minute * 60_000.0 + second * 1000.0 + fractionMs
                - offsetMs;
    }

    private static double plainSeconds(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isDigit(c) || c == '.')) {
                return Double.NaN;
            }
        }
        try {
            double seconds = Double.parseDouble(s);
            return Double.isFinite(seconds) ? seconds * 1000.0 : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The non-negative number written by {@code n} digits at {@code from}, or -1. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
