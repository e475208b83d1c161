package dev.plimsoll.perfmodel.calib;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes the prebuilt form of every family of every shipped bundle ({@link FittedFamilyIo}) beside
 * its raw table, and the shipped manifests as one binary catalog ({@link FittedCatalogIo}), so that
 * start-up reads curves instead of fitting tables and parsing YAML. Run by the build of
 * perfmodel (Maven's {@code process-classes} phase, exec-maven-plugin) on the copied resources:
 * <pre>java -cp perfmodel/target/classes:... dev.plimsoll.perfmodel.calib.FittedBundleGenerator perfmodel/target/classes</pre>
 * It fits again only when {@link FitInputs#key} changed (tables, manifests, fitting code, JVM):
 * fitting all 112 tables takes about 42 s of CPU over the cores, an unchanged build pays a hash of
 * the inputs, about a second. The output depends on nothing else: the same inputs give the same
 * bytes.
 */
public final class FittedBundleGenerator {
    /** Key of the inputs the prebuilt files were made from, written last. */
    static final String STAMP = "fitted.sha256";
    /** Key of the fitting code alone ({@link FitInputs#codeKey}), for {@link FitCache}. */
    static final String CODE_STAMP = "fit-code.sha256";

    private FittedBundleGenerator() {
    }

    /** @param args the class-path root holding {@code calibration/index.yaml} (target/classes) */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FittedBundleGenerator CLASSES_DIR");
        }
        Path calibration = Path.of(args[0]).resolve(BundleCatalog.SHIPPED_ROOT);
        if (!Files.isRegularFile(calibration.resolve("index.yaml"))) {
            System.out.println("prebuilt calibration: no shipped bundles under " + calibration);
            return;
        }
        long start = System.nanoTime();
        int written = generate(calibration, Runtime.getRuntime().availableProcessors());
        if (written > 0) {
            System.out.printf(Locale.ROOT, "prebuilt calibration: fitted %d tables of the shipped bundles in %.1f s%n",
                    written, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Whether a file under the calibration folder is an output of this generator. */
    static boolean generated(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(FittedFamilyIo.SUFFIX) || name.equals(STAMP) || name.equals(CODE_STAMP);
    }

    /**
     * Fits and writes every family of every bundle of {@code calibrationDir}'s index, unless the
     * stamp says the files are those of the current inputs.
     *
     * @return families written (0 when up to date)
     */
    static int generate(Path calibrationDir, int threads) throws IOException {
        String codeKey = FitInputs.codeKey(FittedBundleGenerator.class);
        String key = FitInputs.key(calibrationDir, codeKey);
        Path stamp = calibrationDir.resolve(STAMP);
        if (Files.isRegularFile(stamp) && Files.readString(stamp).trim().equals(key)) {
            return 0;
        }
        Files.deleteIfExists(stamp);
        Files.writeString(calibrationDir.resolve(CODE_STAMP), codeKey + "\n");
        try (Stream<Path> s = Files.walk(calibrationDir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(FittedFamilyIo.SUFFIX)).toList()) {
                Files.delete(p);
            }
        }
        List<Task> tasks = new ArrayList<>();
        List<FittedCatalogIo.Listed> catalog = new ArrayList<>();
        for (String bundle : index(calibrationDir)) {
            Path dir = calibrationDir.resolve(bundle);
            BundleManifest manifest = BundleIo.read(dir).manifest();
            catalog.add(new FittedCatalogIo.Listed(bundle, manifest));
            for (BundleManifest.FamilyEntry e : manifest.families()) {
                tasks.add(new Task(dir, e));
            }
        }
        // largest tables first, so that the last ones to finish are small
        tasks.sort(Comparator.comparingInt((Task t) -> t.entry.rows()).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Task t : tasks) {
                done.add(pool.submit(() -> {
                    t.write();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fitting the shipped bundles", e);
        } catch (ExecutionException e) {
            throw new IOException("fitting a shipped bundle failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Files.write(calibrationDir.resolve(FittedCatalogIo.FILE), FittedCatalogIo.write(catalog));
        Files.writeString(stamp, key + "\n");
        return tasks.size();
    }

    /** Bundle folders named by the index, relative to it. */
    static List<String> index(Path calibrationDir) throws IOException {
        JsonNode index = BundleIo.yaml().readTree(calibrationDir.resolve("index.yaml").toFile());
        List<String> out = new ArrayList<>();
        index.path("bundles").forEach(b -> out.add(b.asText()));
        return out;
    }

    /** One family of one bundle. */
    private record Task(Path dir, BundleManifest.FamilyEntry entry) {
        void write() throws IOException {
            CalibrationBundle bundle = BundleIo.read(dir);
            KernelFamily family = KernelFamily.fromKey(entry.family()).orElseThrow();
            // what CalibrationBundle#model builds from the raw table
            FamilyModel model = FamilyModel.build(family, bundle.rows(family), bundle.reference());
            String inputKey = "sha256:" + FitInputs.sha256Hex(Files.readAllBytes(dir.resolve(entry.file())));
            Path target = dir.resolve(FittedFamilyIo.fileName(entry.file()));
            Path tmp = dir.resolve("." + target.getFileName()); // a .fit name: cleared by the next run if left over
            Files.write(tmp, FittedFamilyIo.write(model, inputKey));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
