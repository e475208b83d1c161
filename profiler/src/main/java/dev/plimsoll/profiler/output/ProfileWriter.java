package dev.plimsoll.profiler.output;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTable;
import dev.plimsoll.perfmodel.calib.table.KernelTableWriter;
import dev.plimsoll.profiler.bench.Fp8Recipe;
import dev.plimsoll.profiler.bench.Measurements;
import dev.plimsoll.profiler.plan.AttentionHeads;
import dev.plimsoll.profiler.plan.GemmPoint;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a profile as kernel tables in the schema {@code plimsoll calibrate} reads (one set per
 * engine name: the same measurements under each, but fp8 GEMMs by each engine's own recipe), plus
 * bandwidth.csv, elementwise.csv and machine.yaml.
 */
public final class ProfileWriter {
    /** Attention inputs are bf16 (the tables' attn_dtype), as in every engine the tables measure. */
    static final String ATTENTION_DTYPE = "bfloat16";
    public static final String BANDWIDTH_FILE = "bandwidth.csv";
    public static final String ELEMENTWISE_FILE = "elementwise.csv";

    private ProfileWriter() {
    }

    /**
     * The kernel-table rows of a profile written under {@code backend}, per family: every GEMM type
     * measured once, and fp8 GEMMs by that engine's recipe (by another recipe, vLLM's first, at
     * shapes where the engine's own was not measured).
     */
    public static Map<KernelFamily, List<KernelRow>> rows(Measurements m, String backend) {
        Map<KernelFamily, List<KernelRow>> out = new EnumMap<>(KernelFamily.class);
        for (Measurements.Gemm g : gemmsFor(m.gemms(), Fp8Recipe.forBackend(backend))) {
            out.computeIfAbsent(KernelFamily.GEMM, f -> new ArrayList<>()).add(new KernelRow(g.point().dtype(),
                    new double[]{g.point().n(), g.point().k()}, new double[]{g.point().m()}, g.kernelSource(),
                    g.timing().medianMs(), 0));
        }
        for (Measurements.Decode d : m.decodes()) {
            out.computeIfAbsent(KernelFamily.GENERATION_ATTENTION, f -> new ArrayList<>()).add(new KernelRow(
                    KernelRow.joinCategory(List.of(ATTENTION_DTYPE, d.point().kvDtype())), attentionShape(d.point()
                    .heads()), new double[]{d.point().batch(), d.point().step()}, d.source(),
                    d.timing().medianMs(), 0));
        }
        for (Measurements.Prefill p : m.prefills()) {
            out.computeIfAbsent(KernelFamily.CONTEXT_ATTENTION, f -> new ArrayList<>()).add(new KernelRow(
                    KernelRow.joinCategory(List.of(ATTENTION_DTYPE, ATTENTION_DTYPE)), attentionShape(p.point()
                    .heads()), new double[]{p.point().batch(), p.point().isl()},
                    Measurements.PREFILL_SOURCE_PREFIX + p.backend(), p.timing().medianMs(), 0));
        }
        return out;
    }

    /** One measurement per GEMM point: the engine's own recipe for fp8 where it was measured. */
    static List<Measurements.Gemm> gemmsFor(List<Measurements.Gemm> gemms, Fp8Recipe recipe) {
        Map<GemmPoint, Measurements.Gemm> chosen = new LinkedHashMap<>();
        for (Measurements.Gemm g : gemms) {
            Measurements.Gemm had = chosen.get(g.point());
            if (had == null || rank(g, recipe) < rank(had, recipe)) {
                chosen.put(g.point(), g);
            }
        }
        return List.copyOf(chosen.values());
    }

    /** 0 for the wanted recipe (or a non-fp8 GEMM), then the others in declaration order. */
    private static int rank(Measurements.Gemm g, Fp8Recipe wanted) {
        if (g.recipe() == null || g.recipe() == wanted) {
            return 0;
        }
        return 1 + g.recipe().ordinal();
    }

    private static double[] attentionShape(AttentionHeads h) {
        return new double[]{h.heads(), h.kvHeads(), h.headDim(), 0};
    }

    /** Writes every file into {@code dir} (created if needed); returns the table files written. */
    public static List<Path> write(Measurements m, MachineRecord machine, List<String> backends, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (String backend : backends) {
            for (Map.Entry<KernelFamily, List<KernelRow>> e : rows(m, backend).entrySet()) {
                Path file = dir.resolve(e.getKey().fileName(backend));
                KernelTableWriter.write(new KernelTable(e.getKey(), backend, file.toString(), e.getValue()), file);
                written.add(file);
            }
        }
        StringBuilder bw = new StringBuilder("kind,buffer_bytes,bytes_moved,latency,bytes_per_s\n");
        for (Measurements.Bandwidth b : m.bandwidth()) {
            bw.append(b.kind()).append(',').append(b.bufferBytes()).append(',').append((long) b.bytesMoved())
                    .append(',').append(number(b.timing().medianMs())).append(',').append(number(b.bytesPerS()))
                    .append('\n');
        }
        Files.writeString(dir.resolve(BANDWIDTH_FILE), bw);
        StringBuilder ew = new StringBuilder("kernel,rows,width,latency,bytes_per_s\n");
        for (Measurements.Elementwise e : m.elementwise()) {
            ew.append(e.point().kind().key()).append(',').append(e.point().rows()).append(',')
                    .append(e.point().width()).append(',').append(number(e.timing().medianMs())).append(',')
                    .append(number(e.bytesPerS())).append('\n');
        }
        Files.writeString(dir.resolve(ELEMENTWISE_FILE), ew);
        machine.write(dir);
        return written;
    }

    /** Six significant digits, no exponent, no trailing zeros. */
    static String number(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
