package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Prebuilt curves cached beside the tables of a user's bundle (a directory from
 * {@code calibrate}): {@code calibrate} writes one per table ({@code gemm_vllm.fit} beside
 * {@code gemm_vllm.csv.gz}, {@link FittedFamilyIo}), and reading a bundle whose cache is missing or
 * stale fits the table on first use and writes the cache again where the directory is writable. A
 * cache names the SHA-256 of its table, its family, the GPU figures of the manifest and the key of
 * the fitting code that made it ({@link FitInputs#codeKey}, recorded by the build in
 * {@code calibration/fit-code.sha256}), so an edited table or manifest or another Plimsoll version
 * fits again. Without that record (classes built without
 * the generator) nothing is cached.
 */
final class FitCache {
    private static volatile Optional<String> codeKey;

    private FitCache() {
    }

    /** The fitting code's key recorded by the build, if the class path has it. */
    static Optional<String> codeKey() {
        Optional<String> k = codeKey;
        if (k == null) {
            String res = BundleCatalog.SHIPPED_ROOT + "/" + FittedBundleGenerator.CODE_STAMP;
            try (InputStream in = FitCache.class.getClassLoader().getResourceAsStream(res)) {
                k = in == null ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                k = Optional.empty();
            }
            codeKey = k;
        }
        return k;
    }

    /** The curves of {@code table}: from {@code cache} when it is this table's fit by this code, else fitted. */
    static FamilyModel load(Path table, Path cache, KernelFamily family, Supplier<List<KernelRow>> rows,
                            ReferenceSpec reference) {
        Optional<String> code = codeKey();
        byte[] tableBytes = null;
        if (code.isPresent()) {
            try {
                tableBytes = Files.readAllBytes(table);
            } catch (IOException e) {
                tableBytes = null; // reading the rows reports it
            }
        }
        if (tableBytes == null) {
            return FamilyModel.build(family, rows.get(), reference);
        }
        String key = key(tableBytes, family, reference, code.get());
        if (Files.isRegularFile(cache)) {
            try {
                byte[] bytes = Files.readAllBytes(cache);
                if (key.equals(FittedFamilyIo.inputKey(bytes))) {
                    FamilyModel m = FittedFamilyIo.read(bytes, reference, cache.toString()).model();
                    if (m.family() == family) {
                        return m;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // unreadable or damaged: fitted again below
            }
        }
        FamilyModel m = FamilyModel.build(family, rows.get(), reference);
        store(m, key, cache);
        return m;
    }

    /**
     * Fits and caches every table of the bundle in {@code dir} (by {@code calibrate}, right after
     * writing it): the curves of the tables as written, latencies rounded, which is what reading the
     * bundle later gives.
     */
    static void storeAll(Path dir) {
        if (codeKey().isEmpty()) {
            return;
        }
        CalibrationBundle written = BundleIo.read(dir);
        for (KernelFamily family : written.families()) {
            written.model(family);
        }
    }

    /** What a user's cache must match: the table, how it is read, the figures of the fit and the code. */
    static String key(byte[] table, KernelFamily family, ReferenceSpec reference, String codeKey) {
        StringBuilder figures = new StringBuilder();
        new EnumMap<>(reference.peakFlopsPerS()).forEach((d, v) -> figures.append(d.key()).append('=').append(v)
                .append(' '));
        figures.append("memory=").append(reference.memoryBytesPerS()).append(" scale_up=")
                .append(reference.scaleUpBytesPerS());
        if (reference.knowsExponentials()) {
            // the attention rooflines the curves are fitted against include the exponentials
            figures.append(" exponentials=").append(reference.exponentialsPerS());
        }
        return "sha256:" + FitInputs.sha256Hex(table) + " family:" + family.key() + " figures:" + figures
                + " code:" + codeKey;
    }

    /** Best effort: a directory Plimsoll may not write to is fitted again next time. */
    private static void store(FamilyModel m, String key, Path cache) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(cache.getParent(), cache.getFileName().toString(), ".tmp");
            Files.write(tmp, FittedFamilyIo.write(m, key));
            Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}
