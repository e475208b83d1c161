package dev.plimsoll.perfmodel.calib.table;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a kernel table in its canonical compact form: the family's own columns only, rows sorted
 * by category, shape and grid, latency rounded to {@value #LATENCY_DIGITS} significant digits,
 * gzipped. The same reader reads it back; the same input always gives the same bytes.
 */
public final class KernelTableWriter {
    /** Significant digits kept: 0.01% rounding, far below the tables' run-to-run noise. */
    static final int LATENCY_DIGITS = 5;

    private KernelTableWriter() {
    }

    public static void write(KernelTable table, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(table, out);
        }
    }

    public static void write(KernelTable table, OutputStream out) throws IOException {
        KernelFamily f = table.family();
        List<KernelRow> rows = new ArrayList<>(table.rows());
        rows.sort(ORDER);
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16);
        List<String> header = new ArrayList<>();
        header.add(KernelFamily.KERNEL_SOURCE);
        header.addAll(f.categoryColumns());
        f.shapeAxes().forEach(a -> header.add(a.column()));
        f.gridAxes().forEach(a -> header.add(a.column()));
        header.add(KernelFamily.LATENCY);
        w.write(String.join(",", header));
        w.write('\n');
        StringBuilder sb = new StringBuilder(128);
        for (KernelRow r : rows) {
            sb.setLength(0);
            sb.append(r.kernel());
            for (String label : KernelRow.splitCategory(r.category())) {
                sb.append(',').append(label);
            }
            for (double v : r.shape()) {
                sb.append(',').append(number(v));
            }
            for (double v : r.grid()) {
                sb.append(',').append(number(v));
            }
            sb.append(',').append(latency(r.latencyMs())).append('\n');
            w.write(sb.toString());
        }
        w.flush();
        gz.finish();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String latency(double ms) {
        return new BigDecimal(ms).round(new MathContext(LATENCY_DIGITS)).stripTrailingZeros().toPlainString();
    }

    /** Rounds a latency the way the writer stores it. */
    public static double rounded(double ms) {
        return Double.parseDouble(latency(ms));
    }

    private static final Comparator<KernelRow> ORDER = (a, b) -> {
        int c = a.category().compareTo(b.category());
        if (c != 0) {
            return c;
        }
        c = java.util.Arrays.compare(a.shape(), b.shape());
        if (c != 0) {
            return c;
        }
        c = java.util.Arrays.compare(a.grid(), b.grid());
        return c != 0 ? c : a.kernel().compareTo(b.kernel());
    };
}
