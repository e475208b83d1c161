package dev.plimsoll.profiler.cuda;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NvccTest {
    /** A stand-in nvcc: prints its version, logs each build and writes the -o target. */
    private static Path fakeNvcc(Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("cuda/bin"));
        Files.createDirectories(dir.resolve("cuda/lib64"));
        Path nvcc = bin.resolve("nvcc");
        Files.writeString(nvcc, """
                #!/usr/bin/env bash
                if [ "$1" = --version ]; then echo "Cuda compilation tools, release 13.0, V13.0.88"; exit 0; fi
                echo "$@" >> "$(dirname "$0")/builds.log"
                while [ $# -gt 0 ]; do if [ "$1" = -o ]; then echo built > "$2"; fi; shift; done
                """);
        Files.setPosixFilePermissions(nvcc, PosixFilePermissions.fromString("rwxr-xr-x"));
        return nvcc;
    }

    @Test
    void buildsOnceAndReusesTheCachedBuild(@TempDir Path dir) throws Exception {
        Path nvcc = fakeNvcc(dir);
        Nvcc n = Nvcc.locate(Optional.of(nvcc), Map.of());
        assertEquals("13.0.88", n.version());
        Path src = KernelSources.extract(dir.resolve("src")).resolve(KernelSources.MEMORY);
        Path a = n.cubin(src, "sm_90", dir.resolve("cache"));
        Path b = n.cubin(src, "sm_90", dir.resolve("cache"));
        assertEquals(a, b);
        assertTrue(a.getFileName().toString().startsWith("memory-sm_90-"));
        assertEquals(1, Files.readAllLines(nvcc.resolveSibling("builds.log")).size(), "the second build is cached");
        Path c = n.cubin(src, "sm_100", dir.resolve("cache"));
        assertTrue(!c.equals(a), "another architecture is another build");
    }

    @Test
    void linksAVersionedLibraryWhereTheToolkitHasNoPlainOne(@TempDir Path dir) throws Exception {
        Nvcc n = Nvcc.locate(Optional.of(fakeNvcc(dir)), Map.of());
        assertEquals("-lcublasLt", n.library("cublasLt"));
        Path versioned = Files.createFile(dir.resolve("cuda/lib64/libcublasLt.so.13"));
        assertEquals(versioned.toString(), n.library("cublasLt"));
        Files.createFile(dir.resolve("cuda/lib64/libcublasLt.so"));
        assertEquals("-lcublasLt", n.library("cublasLt"));
        Path program = n.program(KernelSources.extract(dir.resolve("src")).resolve(KernelSources.GEMM_BENCH), "sm_90",
                List.of("cublasLt"), dir.resolve("cache"));
        String log = Files.readString(dir.resolve("cuda/bin/builds.log"));
        assertTrue(log.strip().endsWith("-lcublasLt"), "libraries after the source: " + log);
        assertTrue(Files.isRegularFile(program));
    }

    @Test
    void noNvccIsSaidInOneLine(@TempDir Path dir) {
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> Nvcc.locate(Optional.empty(),
                Map.of("PATH", dir.toString()), List.of(dir.resolve("cuda/bin/nvcc"))));
        assertTrue(e.getMessage().startsWith("nvcc not found"), e.getMessage());
        assertThrows(UserInputException.class, () -> Nvcc.locate(Optional.of(dir.resolve("nvcc")), Map.of()));
    }

    @Test
    void graphsHoldAboutTwoMillisecondsOfWorkInWholeRotations() {
        assertEquals(200, GraphTimer.launchesFor(0.01, 1));
        assertEquals(400, GraphTimer.launchesFor(0.0001, 1));
        assertEquals(3, GraphTimer.launchesFor(50, 3));
        assertEquals(21, GraphTimer.launchesFor(0.1, 7));
    }
}
