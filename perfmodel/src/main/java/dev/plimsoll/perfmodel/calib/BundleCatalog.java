package dev.plimsoll.perfmodel.calib;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The calibration bundles Plimsoll knows, in priority order (a user's directory before the
 * bundles shipped in the jar), and the choice of one for a GPU and framework.
 */
public final class BundleCatalog {
    /** Class-path folder of the shipped bundles and its index. */
    public static final String SHIPPED_ROOT = "calibration";
    public static final String INDEX = SHIPPED_ROOT + "/index.yaml";

    private static volatile BundleCatalog shipped;

    private final List<Entry> entries;

    private BundleCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * One bundle, its manifest read, its tables not yet.
     *
     * @param gpuId     GPU the tables were measured on
     * @param backend   framework
     * @param reference that GPU's figures
     * @param origin    where the bundle lives (for reports)
     * @param loader    reads the bundle (memoised)
     */
    public record Entry(String gpuId, String backend, ReferenceSpec reference, String origin,
                        Supplier<CalibrationBundle> loader) {
    }

    /**
     * The bundle chosen for a GPU and framework.
     *
     * @param bundle the bundle
     * @param exact  measured on this GPU with this framework (else its curves are transferred)
     */
    public record Selection(CalibrationBundle bundle, boolean exact) {
    }

    /** Bundles shipped inside the jar (h100-sxm, h200-sxm, b200-sxm and gb200 for trtllm, vllm and sglang). */
    public static BundleCatalog shipped() {
        BundleCatalog c = shipped;
        if (c == null) {
            synchronized (BundleCatalog.class) {
                if (shipped == null) {
                    shipped = readShipped();
                }
                c = shipped;
            }
        }
        return c;
    }

    /**
     * The shipped bundles from the prebuilt catalog the build writes ({@link FittedCatalogIo}), or,
     * without one, from the YAML index and manifests.
     */
    private static BundleCatalog readShipped() {
        List<Entry> out = new ArrayList<>();
        String catalog = SHIPPED_ROOT + "/" + FittedCatalogIo.FILE;
        try (InputStream in = BundleCatalog.class.getClassLoader().getResourceAsStream(catalog)) {
            if (in != null) {
                for (FittedCatalogIo.Listed l : FittedCatalogIo.read(in.readAllBytes(), catalog)) {
                    BundleManifest m = l.manifest();
                    String base = SHIPPED_ROOT + "/" + l.path();
                    out.add(new Entry(m.gpu(), m.backend(), m.referenceSpec(), "shipped:" + l.path(),
                            memo(() -> BundleIo.readResource(base, m))));
                }
                return new BundleCatalog(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = BundleCatalog.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                return new BundleCatalog(out);
            }
            JsonNode index = BundleIo.yaml().readTree(in);
            for (JsonNode b : index.path("bundles")) {
                String base = SHIPPED_ROOT + "/" + b.asText();
                BundleManifest m;
                try (InputStream min = BundleCatalog.class.getClassLoader().getResourceAsStream(
                        base + "/" + BundleManifest.FILE)) {
                    if (min == null) {
                        throw new IllegalStateException("shipped calibration index names missing bundle " + base);
                    }
                    m = BundleIo.manifest(min, base);
                }
                out.add(new Entry(m.gpu(), m.backend(), m.referenceSpec(), "shipped:" + b.asText(),
                        memo(() -> BundleIo.readResource(base))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BundleCatalog(out);
    }

    /** The bundle in {@code dir}, or every bundle one or two levels below it (gpu/backend). */
    public static BundleCatalog directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": calibration directory does not exist");
        }
        List<Path> manifests;
        try (Stream<Path> s = Files.walk(dir, 3)) {
            manifests = s.filter(p -> p.getFileName().toString().equals(BundleManifest.FILE)).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list calibration bundles: " + e.getMessage(), e);
        }
        if (manifests.isEmpty()) {
            throw new UserInputException(dir + ": no calibration bundle found (no " + BundleManifest.FILE + ")");
        }
        List<Entry> out = new ArrayList<>();
        for (Path m : manifests) {
            CalibrationBundle b = BundleIo.read(m.getParent());
            out.add(new Entry(b.gpuId(), b.backend(), b.reference(), m.getParent().toString(), () -> b));
        }
        return new BundleCatalog(out);
    }

    /** Bundles already in memory. */
    public static BundleCatalog of(List<CalibrationBundle> bundles) {
        List<Entry> out = new ArrayList<>();
        for (CalibrationBundle b : bundles) {
            out.add(new Entry(b.gpuId(), b.backend(), b.reference(), "memory:" + b.gpuId() + "/" + b.backend(),
                    () -> b));
        }
        return new BundleCatalog(out);
    }

    /** This catalog first, then {@code fallback}. */
    public BundleCatalog then(BundleCatalog fallback) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(fallback.entries);
        return new BundleCatalog(all);
    }

    /**
     * Every bundle measured on this GPU with this framework, in catalog order (a user's before the
     * shipped one): the first prices what it measured, the next what the first left out.
     */
    public List<CalibrationBundle> exactLayers(String gpuId, String backend) {
        return entries.stream().filter(e -> e.gpuId().equals(gpuId) && e.backend().equals(backend))
                .map(e -> e.loader().get()).toList();
    }

    /** Only the bundles measured on {@code gpuId} (to test transfer from one GPU). */
    public BundleCatalog onlyGpu(String gpuId) {
        return new BundleCatalog(entries.stream().filter(e -> e.gpuId().equals(gpuId)).toList());
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * Chooses the bundle for a GPU and framework: the same GPU and framework; else the same
     * framework on the closest calibrated GPU (same tensor-core formats first, then spec distance); else the same GPU with another
     * framework; else the closest GPU with any framework. Empty only for an empty catalog.
     */
    public Optional<Selection> select(String gpuId, ReferenceSpec target, String backend) {
        for (Entry e : entries) {
            if (e.gpuId().equals(gpuId) && e.backend().equals(backend)) {
                return Optional.of(new Selection(e.loader().get(), true));
            }
        }
        // the nearest architecture first: a GPU with the same tensor-core formats (Blackwell's FP4,
        // Hopper's FP8 without FP4), then the nearest figures
        Comparator<Entry> byDistance = Comparator.<Entry>comparingInt(e -> e.reference().sameFormats(target) ? 0 : 1)
                .thenComparingDouble(e -> e.reference().distance(target));
        Optional<Entry> sameBackend = entries.stream().filter(e -> e.backend().equals(backend)).min(byDistance);
        if (sameBackend.isPresent()) {
            return Optional.of(new Selection(sameBackend.get().loader().get(), false));
        }
        Optional<Entry> sameGpu = entries.stream().filter(e -> e.gpuId().equals(gpuId)).findFirst();
        if (sameGpu.isPresent()) {
            return Optional.of(new Selection(sameGpu.get().loader().get(), false));
        }
        return entries.stream().min(byDistance).map(e -> new Selection(e.loader().get(), false));
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
