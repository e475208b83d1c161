package dev.plimsoll.perfmodel.calib;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTable;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.calib.table.KernelTableWriter;
import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads and writes calibration bundles: a directory with {@code bundle.yaml} and one gzipped table
 * per family in the kernel-table schema (the reader of raw tables reads them).
 */
public final class BundleIo {
    private BundleIo() {
    }

    /** The mapper of manifests and the index (created on first use: shipped bundles load without it). */
    static ObjectMapper yaml() {
        return Yaml.MAPPER;
    }

    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Writes {@code bundle} into {@code dir} (created if needed). */
    public static void write(CalibrationBundle bundle, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (KernelFamily f : bundle.families()) {
            KernelTable t = new KernelTable(f, bundle.backend(), f.fileName(bundle.backend()), bundle.rows(f));
            KernelTableWriter.write(t, dir.resolve(f.fileName(bundle.backend())));
        }
        Files.writeString(dir.resolve(BundleManifest.FILE), yaml().writeValueAsString(bundle.manifest()));
    }

    /**
     * Reads the bundle in {@code dir}; a family's curves are read on first use from the prebuilt
     * cache beside its table when that is current, else fitted from the table (and cached,
     * {@link FitCache}).
     */
    public static CalibrationBundle read(Path dir) {
        Path file = dir.resolve(BundleManifest.FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(dir + ": not a calibration bundle (no " + BundleManifest.FILE + ")");
        }
        BundleManifest m;
        try (InputStream in = Files.newInputStream(file)) {
            m = manifest(in, file.toString());
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        Map<KernelFamily, Supplier<List<KernelRow>>> tables = new EnumMap<>(KernelFamily.class);
        Map<KernelFamily, Supplier<FamilyModel>> cached = new EnumMap<>(KernelFamily.class);
        ReferenceSpec reference = m.referenceSpec();
        for (BundleManifest.FamilyEntry e : m.families()) {
            KernelFamily f = family(e, file.toString());
            Path table = dir.resolve(e.file());
            Supplier<List<KernelRow>> rows = memo(() -> KernelTableReader.read(table, f, m.backend()).rows());
            tables.put(f, rows);
            Path cache = dir.resolve(FittedFamilyIo.fileName(e.file()));
            cached.put(f, () -> FitCache.load(table, cache, f, rows, reference));
        }
        return new CalibrationBundle(m, tables, cached);
    }

    /**
     * Reads a bundle shipped as class-path resources under {@code base} (for example
     * {@code calibration/h100-sxm/vllm}). A family's curves come from its prebuilt file
     * ({@link FittedFamilyIo}, written by the build) when the class path has one, else they are
     * fitted from the raw table on first use. The jar carries only the prebuilt files: its raw tables
     * stay in the source tree ({@code perfmodel/src/main/resources/calibration}).
     */
    public static CalibrationBundle readResource(String base) {
        String file = base + "/" + BundleManifest.FILE;
        try (InputStream in = BundleIo.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing shipped calibration resource " + file);
            }
            return readResource(base, manifest(in, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #readResource(String)} with the bundle's manifest already read (from the shipped catalog). */
    public static CalibrationBundle readResource(String base, BundleManifest m) {
        ClassLoader cl = BundleIo.class.getClassLoader();
        String file = base + "/" + BundleManifest.FILE;
        Map<KernelFamily, Supplier<List<KernelRow>>> tables = new EnumMap<>(KernelFamily.class);
        Map<KernelFamily, Supplier<FamilyModel>> prebuilt = new EnumMap<>(KernelFamily.class);
        ReferenceSpec reference = m.referenceSpec();
        for (BundleManifest.FamilyEntry e : m.families()) {
            KernelFamily f = family(e, file);
            String res = base + "/" + e.file();
            tables.put(f, memo(() -> {
                try (InputStream in = cl.getResourceAsStream(res)) {
                    if (in == null) {
                        throw new IllegalStateException("missing shipped calibration resource " + res + ": the jar "
                                + "carries the bundles' prebuilt curves (" + FittedFamilyIo.fileName(e.file())
                                + "), not their raw tables, which are in the source tree (perfmodel/src/main/resources/"
                                + base + ")");
                    }
                    return KernelTableReader.read(in, res, f, m.backend()).rows();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }));
            String fitted = base + "/" + FittedFamilyIo.fileName(e.file());
            prebuilt.put(f, () -> {
                try (InputStream in = cl.getResourceAsStream(fitted)) {
                    return in == null ? null : FittedFamilyIo.read(in.readAllBytes(), reference, fitted).model();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        return new CalibrationBundle(m, tables, prebuilt);
    }

    static BundleManifest manifest(InputStream in, String source) throws IOException {
        try {
            BundleManifest m = yaml().readValue(in, BundleManifest.class);
            if (m == null || m.gpu() == null || m.backend() == null || m.reference() == null) {
                throw new UserInputException(source + ": a bundle manifest needs gpu, backend and reference");
            }
            if (m.reference().peakFlopsPerS() == null || m.reference().peakFlopsPerS().containsValue(null)) {
                throw new UserInputException(source + ": reference.peak_flops_per_s needs a number per compute type");
            }
            for (BundleManifest.FamilyEntry e : m.families()) {
                if (e.family() == null || e.file() == null) {
                    throw new UserInputException(source + ": every entry of families needs family and file");
                }
                if (!e.file().matches("[A-Za-z0-9._-]+") || e.file().matches("\\.+")) {
                    throw new UserInputException(source + ": family " + e.family() + ": file '" + e.file()
                            + "' must be a file name inside the bundle directory");
                }
            }
            if (m.format() != BundleManifest.FORMAT) {
                throw new UserInputException(source + ": bundle format " + m.format() + " is not supported (expected "
                        + BundleManifest.FORMAT + ")");
            }
            m.referenceSpec();
            return m;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? source
                    : source + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new UserInputException(where + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(source + ": " + e.getMessage(), e);
        }
    }

    private static KernelFamily family(BundleManifest.FamilyEntry e, String source) {
        return KernelFamily.fromKey(e.family()).orElseThrow(() -> new UserInputException(source
                + ": unknown kernel family '" + e.family() + "'"));
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = s.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
