package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.cuda.Timing;

/**
 * Parses the helpers' answers: {@code ok <median_ms> <min_ms> <max_ms> <launches> <extra>} or
 * {@code err <reason>}.
 *
 * @param timing the measurement, null for an error
 * @param extra  the answer's last field (copies, or the SDPA backend), "" for an error
 * @param error  the reason of an error answer, null for a measurement
 */
public record ProtocolAnswer(Timing timing, String extra, String error) {

    public static ProtocolAnswer parse(String answer, String request) {
        String a = answer.strip();
        if (a.startsWith("err")) {
            return new ProtocolAnswer(null, "", a.substring(3).strip());
        }
        String[] f = a.split("\\s+");
        if (f.length != 6 || !f[0].equals("ok")) {
            throw new IllegalStateException("unexpected answer to '" + request + "': " + a);
        }
        try {
            double median = Double.parseDouble(f[1]);
            double min = Double.parseDouble(f[2]);
            double max = Double.parseDouble(f[3]);
            int launches = Integer.parseInt(f[4]);
            int copies = f[5].matches("\\d+") ? Integer.parseInt(f[5]) : 1;
            return new ProtocolAnswer(new Timing(median, min, max, launches, copies), f[5], null);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unexpected answer to '" + request + "': " + a, e);
        }
    }

    public boolean ok() {
        return timing != null;
    }
}
