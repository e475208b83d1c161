package dev.plimsoll.profiler.bundle;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.profiler.cuda.KernelSources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code plimsoll profile --bundle DIR}: a folder to copy to a GPU host that has no Java and no
 * checkout: the profile jar, a Java runtime (jlink of the running JDK, or one given), the kernel
 * sources, and {@code run.sh}, which runs the profile there.
 */
public final class PortableBundle {
    public static final String JAR = "plimsoll-profile.jar";
    public static final String MAIN_CLASS = "dev.plimsoll.cli.ProfileMain";
    /** Java modules the profile needs: Jackson reads XML-free YAML, JCuda needs Unsafe, SLF4J logging. */
    static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.xml",
            "jdk.unsupported");

    private PortableBundle() {
    }

    /**
     * @param runtime an existing runtime folder, or a .tgz of one, to ship instead of a jlink of this JDK
     * @return the files and folders written
     */
    public static List<Path> write(Path dir, List<Path> classPath, Optional<Path> runtime, Path javaHome) {
        try {
            if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
                throw new UserInputException("--bundle " + dir + ": exists and is not an empty directory");
            }
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            Path jar = dir.resolve(JAR);
            SlimJar.write(classPath, MAIN_CLASS, jar);
            written.add(jar);
            written.add(KernelSources.extract(dir.resolve("kernels")));
            written.add(runtime(dir, runtime, javaHome));
            Path script = dir.resolve("run.sh");
            Files.writeString(script, runScript());
            makeExecutable(script);
            written.add(script);
            Path readme = dir.resolve("README.txt");
            Files.writeString(readme, readme());
            written.add(readme);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle to " + dir, e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static Path runtime(Path dir, Optional<Path> given, Path javaHome) throws IOException {
        if (given.isPresent()) {
            Path src = given.get();
            if (Files.isRegularFile(src) && (src.toString().endsWith(".tgz") || src.toString().endsWith(".tar.gz"))) {
                Path t = dir.resolve("runtime.tgz");
                Files.copy(src, t);
                return t;
            }
            if (!Files.isExecutable(src.resolve("bin").resolve("java"))) {
                throw new UserInputException("--runtime " + src + ": neither a Java runtime folder (bin/java) nor a "
                        + ".tgz of one");
            }
            Path t = dir.resolve("runtime");
            copyTree(src, t);
            return t;
        }
        Path jlink = javaHome.resolve("bin").resolve("jlink");
        if (!Files.isExecutable(jlink)) {
            throw new UserInputException("this Java (" + javaHome + ") has no jlink to build the bundle's runtime: run "
                    + "with a JDK, or pass --runtime DIR");
        }
        Path t = dir.resolve("runtime");
        run(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-man-pages",
                "--no-header-files", "--compress=2", "--output", t.toString()));
        return t;
    }

    private static void copyTree(Path src, Path target) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = target.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + cmd.get(0), e);
        }
    }

    private static void makeExecutable(Path f) throws IOException {
        try {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            f.toFile().setExecutable(true);
        }
    }

    static String runScript() {
        return """
                #!/usr/bin/env bash
                # Runs 'plimsoll profile' on this GPU host with the Java runtime beside this script.
                # Usage: ./run.sh --model M[,M2] [--tp N[,N2]] [--quick|--full] --out DIR   (./run.sh --help)
                set -euo pipefail
                here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
                if [ ! -x "$here/runtime/bin/java" ] && [ -f "$here/runtime.tgz" ]; then
                  mkdir -p "$here/runtime"
                  tar xzf "$here/runtime.tgz" -C "$here/runtime" --strip-components=1
                fi
                exec "$here/runtime/bin/java" -XX:+UseSerialGC -jar "$here/%s" --work-dir "${PLIMSOLL_WORK:-$here/work}" "$@"
                """.formatted(JAR);
    }

    static String readme() {
        return """
                Plimsoll profiler bundle
                ========================
                Copy this folder to a GPU host (NVIDIA driver and the CUDA toolkit's nvcc needed; no Java, no
                checkout; python3 with a CUDA build of torch adds prefill attention and measures decode
                attention on FlashAttention's tensor-core kernel instead of our own), then:

                  ./run.sh --model llama-3.1-8b --tp 1 --quick --out tables

                Bring the 'tables' folder back and build a calibration bundle from it:

                  plimsoll calibrate --tables tables --gpu <gpu id> --backend vllm --out my-bundle

                then use it with --calibration my-bundle on estimate, simulate, plan and validate.
                ./run.sh --dry-run ... prints the plan; ./run.sh --help lists every option. The kernel sources
                are in kernels/; builds are cached in work/ (PLIMSOLL_WORK overrides).
                """;
    }
}
