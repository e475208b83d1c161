package dev.plimsoll.cli;

import dev.plimsoll.profiler.Profiler;
import dev.plimsoll.profiler.bench.Measurements;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What {@code plimsoll profile} prints when it has written its tables. */
final class ProfileReport {
    private ProfileReport() {
    }

    static String text(Profiler.Result r, Path out, List<String> backends) {
        Measurements m = r.measurements();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "profiled %s (%s) in %.0f s: %d of %d points%s%n", r.machine().device(),
                r.machine().gpuSpec(), r.machine().durationS(), r.machine().measured(), r.machine().points(),
                r.machine().complete() ? "" : " (stopped by --time-limit)"));
        sb.append(String.format(Locale.ROOT, "  HBM read %.2f TB/s, copy %.2f TB/s%n",
                r.machine().readBandwidthBytesPerS() / 1e12, r.machine().copyBandwidthBytesPerS() / 1e12));
        sb.append(String.format(Locale.ROOT, "  GEMMs %d, decode attention %d, prefill attention %d, element-wise %d%n",
                m.gemms().size(), m.decodes().size(), m.prefills().size(), m.elementwise().size()));
        if (!r.machine().notes().isEmpty()) {
            sb.append("  ").append(r.machine().notes().size()).append(" notes in ").append(out.resolve("machine.yaml"))
                    .append('\n');
        }
        sb.append("wrote ").append(r.tables().size()).append(" tables, bandwidth.csv, elementwise.csv and machine.yaml "
                + "to ").append(out).append('\n');
        sb.append("next: plimsoll calibrate --tables ").append(out).append(" --gpu ").append(r.machine().gpuSpec())
                .append(" --backend ").append(backends.get(0)).append(" --out BUNDLE\n");
        return sb.toString();
    }
}
