package dev.plimsoll.profiler.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The profiler's CUDA and Python sources, shipped as class-path resources and copied out for nvcc. */
public final class KernelSources {
    public static final String MEMORY = "memory.cu";
    public static final String PAGED_DECODE = "paged_decode.cu";
    public static final String GEMM_BENCH = "gemm_bench.cu";
    public static final String SDPA_BENCH = "sdpa_bench.py";
    public static final List<String> ALL = List.of(MEMORY, PAGED_DECODE, GEMM_BENCH, SDPA_BENCH);
    static final String RESOURCE_DIR = "dev/plimsoll/profiler/kernels/";

    private KernelSources() {
    }

    /** Copies every source into {@code dir} (created if needed), replacing older copies; returns {@code dir}. */
    public static Path extract(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : ALL) {
                try (InputStream in = KernelSources.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new IllegalStateException("missing profiler resource " + RESOURCE_DIR + name);
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kernel sources to " + dir, e);
        }
    }
}
