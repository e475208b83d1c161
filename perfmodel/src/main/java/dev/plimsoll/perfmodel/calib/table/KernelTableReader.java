package dev.plimsoll.perfmodel.calib.table;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a kernel table (CSV, optionally gzipped) in the schema of shared/data/README.md. Errors a
 * user can cause (missing column, non-numeric cell, negative latency) name the file, line and
 * column.
 */
public final class KernelTableReader {
    private KernelTableReader() {
    }

    /** Reads a table whose family and framework follow from its file name. */
    public static KernelTable read(Path file) {
        KernelFamily.TableFile tf = KernelFamily.parseFileName(file.getFileName().toString())
                .orElseThrow(() -> new UserInputException(file + ": not a kernel table name (expected e.g. "
                        + "gemm_vllm.csv.gz, custom_allreduce_trtllm.csv or nccl.csv.gz)"));
        return read(file, tf.family(), tf.framework());
    }

    public static KernelTable read(Path file, KernelFamily family, String framework) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), family, framework);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read kernel table: " + e.getMessage(), e);
        }
    }

    /**
     * @param in     CSV bytes, gzipped or not (detected from the magic number)
     * @param source name used in messages
     */
    public static KernelTable read(InputStream in, String source, KernelFamily family, String framework) {
        try {
            InputStream raw = new java.io.BufferedInputStream(in, 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream body = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
            return parse(reader, source, family, framework);
        } catch (IOException e) {
            throw new UserInputException(source + ": cannot read kernel table: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UserInputException(source + ": cannot read kernel table: " + e.getCause().getMessage(), e);
        }
    }

    private static KernelTable parse(BufferedReader reader, String source, KernelFamily family, String framework)
            throws IOException {
        String header = reader.readLine();
        if (header == null) {
            throw new UserInputException(source + ":1: empty kernel table, expected a header with "
                    + String.join(", ", family.requiredColumns()));
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        String[] names = splitLine(header);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i].trim(), i);
        }
        for (String col : family.requiredColumns()) {
            if (!index.containsKey(col)) {
                throw new UserInputException(source + ":1: missing column '" + col + "' (a " + family.key()
                        + " table needs " + String.join(", ", family.requiredColumns()) + ")");
            }
        }
        ColumnPlan plan = new ColumnPlan(family, index);
        List<KernelRow> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = splitLine(line);
            if (f.length != names.length) {
                throw new UserInputException(source + ":" + lineNo + ": expected " + names.length + " fields, found "
                        + f.length);
            }
            if (family.zeroLatencyMeansNoKernel() && plan.noKernel(f)) {
                continue;
            }
            rows.add(plan.row(f, source, lineNo));
        }
        return new KernelTable(family, framework, source, rows);
    }

    /** Splits one CSV line; fields may be double-quoted with "" as an escaped quote. */
    static String[] splitLine(String line) {
        if (line.indexOf('"') < 0) {
            return line.split(",", -1);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }

    /** Where each column of the family sits in one file, and how to read a row. */
    private static final class ColumnPlan {
        private final KernelFamily family;
        private final List<String> categoryNames;
        private final int[] category;
        private final int[] shape;
        private final int[] grid;
        private final int kernel;
        private final int latency;

        ColumnPlan(KernelFamily family, Map<String, Integer> index) {
            this.family = family;
            this.categoryNames = family.categoryColumns();
            this.category = categoryNames.stream().mapToInt(c -> index.getOrDefault(c, -1)).toArray();
            this.shape = family.shapeAxes().stream().mapToInt(a -> index.get(a.column())).toArray();
            this.grid = family.gridAxes().stream().mapToInt(a -> index.get(a.column())).toArray();
            this.kernel = index.getOrDefault(KernelFamily.KERNEL_SOURCE, -1);
            this.latency = index.get(KernelFamily.LATENCY);
        }

        /** The latency cell reads exactly zero. */
        boolean noKernel(String[] f) {
            try {
                return Double.parseDouble(f[latency].trim()) == 0.0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        KernelRow row(String[] f, String source, int line) {
            List<String> labels = new ArrayList<>(category.length);
            for (int i = 0; i < category.length; i++) {
                String v = category[i] < 0 ? "" : f[category[i]].trim();
                String name = categoryNames.get(i);
                if (v.isEmpty() && !family.isOptional(name)) {
                    throw new UserInputException(source + ":" + line + ":" + (category[i] + 1) + ": column '" + name
                            + "' is empty");
                }
                if (v.contains(KernelRow.SEPARATOR)) {
                    throw new UserInputException(source + ":" + line + ":" + (category[i] + 1) + ": column '" + name
                            + "' must not contain '" + KernelRow.SEPARATOR + "', found '" + v + "'");
                }
                labels.add(v);
            }
            double[] s = axes(f, shape, family.shapeAxes(), source, line);
            double[] g = axes(f, grid, family.gridAxes(), source, line);
            double lat = number(f, latency, KernelFamily.LATENCY, source, line);
            if (!(lat > 0) || Double.isInfinite(lat)) {
                throw new UserInputException(source + ":" + line + ":" + (latency + 1)
                        + ": column 'latency' must be a positive number of milliseconds, found " + f[latency].trim());
            }
            String k = kernel < 0 ? "" : f[kernel].trim();
            return new KernelRow(KernelRow.joinCategory(labels), s, g, k, lat, line);
        }

        private static double[] axes(String[] f, int[] cols, List<Axis> axes, String source, int line) {
            double[] out = new double[cols.length];
            for (int i = 0; i < cols.length; i++) {
                Axis axis = axes.get(i);
                double v = number(f, cols[i], axis.column(), source, line);
                if (!axis.scale().accepts(v) || Double.isInfinite(v)) {
                    throw new UserInputException(source + ":" + line + ":" + (cols[i] + 1) + ": column '"
                            + axis.column() + "' must be " + axis.scale().requirement() + ", found " + f[cols[i]].trim());
                }
                out[i] = v;
            }
            return out;
        }

        private static double number(String[] f, int col, String name, String source, int line) {
            String cell = f[col].trim();
            try {
                double v = Double.parseDouble(cell);
                if (Double.isNaN(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new UserInputException(source + ":" + line + ":" + (col + 1) + ": column '" + name
                        + "' must be a number, found '" + cell + "'");
            }
        }
    }
}
