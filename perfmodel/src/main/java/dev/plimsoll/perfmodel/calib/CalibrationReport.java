package dev.plimsoll.perfmodel.calib;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code calibrate} built: per family the rows and shapes, the achievable utilisation
 * and the fitted fixed costs with their quality.
 *
 * @param gpu      GPU id
 * @param backend  framework
 * @param output   where the bundle was written
 * @param families one entry per family
 */
public record CalibrationReport(String gpu, String backend, String output, List<BundleManifest.FamilyEntry> families) {
    public CalibrationReport {
        families = List.copyOf(families);
    }

    public static CalibrationReport of(CalibrationBundle bundle, String output) {
        return new CalibrationReport(bundle.gpuId(), bundle.backend(), output, bundle.manifest().families());
    }

    public String toJson() {
        return ReportJson.write(this);
    }

    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("calibration ").append(gpu).append('/').append(backend).append(" -> ").append(output).append('\n');
        sb.append(String.format(Locale.ROOT, "%-22s %8s %7s  %s%n", "family", "rows", "shapes", "achievable utilisation (p99)"));
        for (BundleManifest.FamilyEntry e : families) {
            sb.append(String.format(Locale.ROOT, "%-22s %8d %7d  %s%n", e.family(), e.rows(), e.shapes(),
                    utilisation(e.achievableUtilisation())));
        }
        sb.append(String.format(Locale.ROOT, "%nfixed costs (least squares, time = fixed + ideal / utilisation)%n"));
        sb.append(String.format(Locale.ROOT, "%-22s %-34s %9s %7s %7s %10s %7s%n", "family", "key", "fixed_us",
                "util", "r2", "rmse_us", "points"));
        for (BundleManifest.FamilyEntry e : families) {
            for (FixedCostFit f : e.fixedCosts()) {
                sb.append(String.format(Locale.ROOT, "%-22s %-34s %9.2f %7.3f %7.3f %10.2f %7d%n", f.family(), f.key(),
                        f.fixedUs(), f.utilisation(), f.r2(), f.rmseUs(), f.points()));
            }
        }
        return sb.toString();
    }

    private static String utilisation(Map<String, Double> u) {
        StringBuilder sb = new StringBuilder();
        u.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", v)));
        return sb.toString();
    }
}
