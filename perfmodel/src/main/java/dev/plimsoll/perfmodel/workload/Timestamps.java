package dev.plimsoll.perfmodel.workload;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses trace timestamps to 100-nanosecond ticks (the resolution of the Azure traces' seven
 * fractional digits), exactly, without allocating a formatter per line.
 */
final class Timestamps {
    static final long INVALID = Long.MIN_VALUE;
    static final double TICKS_PER_MS = 10_000.0;
    private static final long TICKS_PER_SECOND = 10_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private Timestamps() {
    }

    /**
     * Ticks since the epoch of {@code yyyy-MM-dd[ T]HH:mm:ss[.f...][Z|+hh:mm|-hh:mm]} (digits beyond
     * the seventh are dropped), or of a plain number of seconds; {@link #INVALID} when the text is
     * neither.
     */
    static long parseTicks(String s) {
        if (s.isEmpty()) {
            return INVALID;
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
            return INVALID;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return INVALID;
        }
        int i = 19;
        long fraction = 0;
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            int first = i;
            long scale = TICKS_PER_SECOND / 10;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                fraction += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == first) {
                return INVALID;
            }
        }
        long offsetSeconds = 0;
        if (i < s.length()) {
            char c = s.charAt(i);
            if (c == 'Z' && i == s.length() - 1) {
                offsetSeconds = 0;
            } else if ((c == '+' || c == '-') && s.length() - i == 6 && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, 2);
                int om = digits(s, i + 4, 2);
                if (oh < 0 || om < 0) {
                    return INVALID;
                }
                offsetSeconds = (c == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
            } else {
                return INVALID;
            }
        }
        long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * TICKS_PER_SECOND + fraction;
    }

    private static long plainSeconds(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isDigit(c) || c == '.')) {
                return INVALID;
            }
        }
        try {
            double seconds = Double.parseDouble(s);
            return Double.isFinite(seconds) && seconds < 1e11 ? Math.round(seconds * TICKS_PER_SECOND) : INVALID;
        } catch (NumberFormatException e) {
            return INVALID;
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
