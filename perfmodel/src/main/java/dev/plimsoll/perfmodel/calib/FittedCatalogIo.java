package dev.plimsoll.perfmodel.calib;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.plimsoll.perfmodel.calib.FitBinary.count;
import static dev.plimsoll.perfmodel.calib.FitBinary.string;

/**
 * The manifests of the shipped bundles, in index order, as one binary file
 * ({@code calibration/catalog.fit}) written at build time by {@link FittedBundleGenerator} beside
 * the prebuilt families: start-up lists and selects the bundles without parsing twelve YAML files
 * (half a second in a fresh JVM). The YAML index and manifests stay the source of truth.
 */
final class FittedCatalogIo {
    static final String FILE = "catalog" + FittedFamilyIo.SUFFIX;
    private static final int MAGIC = 0x504C4643; // "PLFC"
    private static final int VERSION = 3; // 2: the L2 figures; 3: the exponential rate

    private FittedCatalogIo() {
    }

    /**
     * One shipped bundle.
     *
     * @param path     its folder below the calibration root ({@code h200-sxm/vllm})
     * @param manifest its manifest
     */
    record Listed(String path, BundleManifest manifest) {
    }

    static byte[] write(List<Listed> bundles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(bundles.size());
            for (Listed l : bundles) {
                string(out, l.path());
                manifest(out, l.manifest());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static void manifest(DataOutputStream out, BundleManifest m) throws IOException {
        out.writeInt(m.format());
        string(out, m.gpu());
        string(out, m.backend());
        numbers(out, m.reference().peakFlopsPerS());
        out.writeDouble(m.reference().memoryBytesPerS());
        out.writeDouble(m.reference().scaleUpBytesPerS());
        out.writeLong(m.reference().l2CacheBytes() == null ? 0 : m.reference().l2CacheBytes());
        out.writeDouble(m.reference().l2BandwidthBytesPerS() == null ? 0 : m.reference().l2BandwidthBytesPerS());
        out.writeDouble(m.reference().exponentialsPerS() == null ? 0 : m.reference().exponentialsPerS());
        optional(out, m.source());
        optional(out, m.license());
        out.writeInt(m.families().size());
        for (BundleManifest.FamilyEntry e : m.families()) {
            string(out, e.family());
            string(out, e.file());
            out.writeInt(e.rows());
            out.writeInt(e.shapes());
            numbers(out, e.achievableUtilisation());
            FitBinary.fixedCosts(out, e.fixedCosts());
        }
    }

    /** @throws IllegalStateException when the bytes are not a catalog of this version */
    static List<Listed> read(byte[] data, String source) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            if (in.remaining() < 8 || in.getInt() != MAGIC || in.getInt() != VERSION) {
                throw new IllegalStateException(source + ": not a prebuilt calibration catalog of version " + VERSION);
            }
            int n = count(in);
            List<Listed> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Listed(string(in), manifest(in)));
            }
            if (in.hasRemaining()) {
                throw new IllegalStateException(source + ": " + in.remaining() + " bytes after the catalog");
            }
            return out;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException(source + ": damaged prebuilt calibration catalog (" + e + ")", e);
        }
    }

    private static BundleManifest manifest(ByteBuffer in) {
        int format = in.getInt();
        String gpu = string(in);
        String backend = string(in);
        Map<String, Double> peaks = numbers(in);
        double memory = in.getDouble();
        double scaleUp = in.getDouble();
        long l2Bytes = in.getLong();
        double l2Bandwidth = in.getDouble();
        double exponentials = in.getDouble();
        BundleManifest.Figures figures = new BundleManifest.Figures(peaks, memory, scaleUp,
                l2Bytes > 0 ? l2Bytes : null, l2Bandwidth > 0 ? l2Bandwidth : null,
                exponentials > 0 ? exponentials : null);
        String source = optional(in);
        String license = optional(in);
        int nFamilies = count(in);
        List<BundleManifest.FamilyEntry> families = new ArrayList<>(nFamilies);
        for (int i = 0; i < nFamilies; i++) {
            String family = string(in);
            String file = string(in);
            int rows = in.getInt();
            int shapes = in.getInt();
            Map<String, Double> umax = numbers(in);
            List<FixedCostFit> fits = FitBinary.fixedCosts(in);
            families.add(new BundleManifest.FamilyEntry(family, file, rows, shapes, umax, fits));
        }
        return new BundleManifest(format, gpu, backend, figures, source, license, families);
    }

    private static void numbers(DataOutputStream out, Map<String, Double> m) throws IOException {
        Map<String, Double> sorted = new TreeMap<>(m);
        out.writeInt(sorted.size());
        for (Map.Entry<String, Double> e : sorted.entrySet()) {
            string(out, e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static Map<String, Double> numbers(ByteBuffer in) {
        Map<String, Double> out = new TreeMap<>();
        for (int i = count(in); i > 0; i--) {
            out.put(string(in), in.getDouble());
        }
        return out;
    }

    private static void optional(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            string(out, s);
        }
    }

    private static String optional(ByteBuffer in) {
        return in.get() != 0 ? string(in) : null;
    }
}
