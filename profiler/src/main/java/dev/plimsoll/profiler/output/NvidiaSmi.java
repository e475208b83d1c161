package dev.plimsoll.profiler.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads clocks, temperature and power through nvidia-smi's query interface, where it is installed. */
public final class NvidiaSmi {
    static final String FIELDS = "driver_version,clocks.sm,clocks.mem,clocks.max.sm,clocks.max.mem,temperature.gpu,"
            + "power.draw,power.limit,pstate,clocks_event_reasons.active";

    private final String executable;

    public NvidiaSmi(String executable) {
        this.executable = executable;
    }

    /** The GPU at {@code pciBusId} now; empty when nvidia-smi is missing or fails. */
    public Optional<GpuState> query(String pciBusId, String when) {
        try {
            Process p = new ProcessBuilder(List.of(executable, "--query-gpu=" + FIELDS, "--format=csv,noheader,nounits",
                    "-i", pciBusId)).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return parse(new String(out, StandardCharsets.UTF_8), when);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Parses one line of the query's CSV output; "[N/A]" and other non-numbers become null. */
    static Optional<GpuState> parse(String csv, String when) {
        String line = csv.strip();
        int nl = line.indexOf('\n');
        if (nl >= 0) {
            line = line.substring(0, nl);
        }
        String[] f = line.split(",", -1);
        if (f.length != 10) {
            return Optional.empty();
        }
        return Optional.of(new GpuState(when, text(f[0]), integer(f[1]), integer(f[2]), integer(f[3]), integer(f[4]),
                integer(f[5]), decimal(f[6]), decimal(f[7]), text(f[8]), text(f[9])));
    }

    private static String text(String s) {
        String t = s.strip();
        return t.isEmpty() || t.startsWith("[") ? null : t;
    }

    private static Integer integer(String s) {
        Double d = decimal(s);
        return d == null ? null : (int) Math.round(d);
    }

    private static Double decimal(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
