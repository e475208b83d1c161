package dev.plimsoll.profiler.compare;

import dev.plimsoll.perfmodel.calib.ErrorStats;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.calib.table.TableDirectory;
import dev.plimsoll.perfmodel.error.UserInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Profiled tables against reference tables of the same GPU, row by row at identical keys (family,
 * category, shape, grid): how far our measurements land from the reference's, per family and
 * category. Where a table has several rows for one key (several kernels) the fastest counts, as the
 * calibration keeps it.
 */
public final class TableComparison {
    /** GEMM rows with at most this many tokens stream their weights: they show the bandwidth the tables imply. */
    static final long MEMORY_BOUND_TOKENS = 16;

    private TableComparison() {
    }

    /**
     * Agreement of one family and category.
     *
     * @param points            keys both tables have
     * @param medianError       median |profiled / reference - 1|
     * @param p90Error          90th percentile of it
     * @param medianRatio       median profiled / reference (above 1: ours slower)
     */
    public record Agreement(String family, String category, int points, double medianError, double p90Error,
                            double medianRatio) {
    }

    /**
     * @param agreements           per family and category with common keys
     * @param impliedReadBytesPerS highest weight-streaming rate of the reference GEMM rows with few
     *                             tokens (weight bytes / latency), 0 without such rows
     */
    public record Result(List<Agreement> agreements, double impliedReadBytesPerS) {
    }

    public static Result compare(Path profiled, Path reference, String backend) {
        Map<KernelFamily, Path> ours = TableDirectory.scan(profiled).tablesFor(backend);
        Map<KernelFamily, Path> theirs = TableDirectory.scan(reference).tablesFor(backend);
        if (ours.isEmpty()) {
            throw new UserInputException(profiled + ": no kernel tables for backend '" + backend + "'");
        }
        List<Agreement> out = new ArrayList<>();
        double implied = 0;
        for (Map.Entry<KernelFamily, Path> e : ours.entrySet()) {
            Path ref = theirs.get(e.getKey());
            if (ref == null) {
                continue;
            }
            List<KernelRow> refRows = KernelTableReader.read(ref, e.getKey(), backend).rows();
            if (e.getKey() == KernelFamily.GEMM) {
                implied = impliedReadBytesPerS(refRows);
            }
            out.addAll(agreements(e.getKey(), KernelTableReader.read(e.getValue(), e.getKey(), backend).rows(),
                    refRows));
        }
        return new Result(out, implied);
    }

    static List<Agreement> agreements(KernelFamily family, List<KernelRow> ours, List<KernelRow> reference) {
        Map<String, Double> ref = fastest(reference);
        Map<String, Double> mine = fastest(ours);
        Map<String, List<Double>> ratios = new TreeMap<>();
        mine.forEach((key, ms) -> {
            Double r = ref.get(key);
            if (r != null) {
                ratios.computeIfAbsent(key.substring(0, key.indexOf('#')), c -> new ArrayList<>()).add(ms / r);
            }
        });
        List<Agreement> out = new ArrayList<>();
        ratios.forEach((category, rs) -> {
            double[] ratio = rs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] err = Arrays.stream(ratio).map(x -> Math.abs(x - 1)).toArray();
            out.add(new Agreement(family.key(), category, ratio.length, ErrorStats.percentile(err, 0.5),
                    ErrorStats.percentile(err, 0.9), ErrorStats.percentile(ratio, 0.5)));
        });
        return out;
    }

    private static Map<String, Double> fastest(List<KernelRow> rows) {
        Map<String, Double> out = new HashMap<>();
        for (KernelRow r : rows) {
            out.merge(r.category() + "#" + Arrays.toString(r.shape()) + Arrays.toString(r.grid()), r.latencyMs(),
                    Math::min);
        }
        return out;
    }

    /** Weight bytes over latency of the few-token GEMM rows (bf16 2 bytes, fp8 1 byte a weight), the highest. */
    static double impliedReadBytesPerS(List<KernelRow> gemmRows) {
        double best = 0;
        for (KernelRow r : gemmRows) {
            String dtype = KernelRow.splitCategory(r.category())[0];
            double bytesPerWeight = dtype.equals("bfloat16") ? 2 : dtype.startsWith("fp8") ? 1 : 0;
            if (bytesPerWeight > 0 && r.grid()[0] <= MEMORY_BOUND_TOKENS) {
                best = Math.max(best, r.shape()[0] * r.shape()[1] * bytesPerWeight / (r.latencyMs() * 1e-3));
            }
        }
        return best;
    }
}
