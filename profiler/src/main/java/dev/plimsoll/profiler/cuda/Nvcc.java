package dev.plimsoll.profiler.cuda;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CUDA compiler on the GPU host: builds the kernels (cubin for the device's architecture) and
 * the cuBLASLt benchmark, caching each build under a name derived from the source, the target and
 * the compiler version, so that a second profile on the same host compiles nothing.
 */
public final class Nvcc {
    /** A kernel build that takes longer than this is stuck. */
    static final long COMPILE_TIMEOUT_S = 900;
    private static final Pattern RELEASE = Pattern.compile("release (\\d+\\.\\d+)(?:, V([0-9.]+))?");

    private final Path executable;
    private final String version;

    private Nvcc(Path executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    /**
     * Finds nvcc: {@code explicit} when given, else {@code $CUDA_HOME/bin/nvcc}, {@code
     * /usr/local/cuda/bin/nvcc}, then the PATH.
     */
    public static Nvcc locate(Optional<Path> explicit, Map<String, String> env) {
        return locate(explicit, env, List.of(Path.of("/usr/local/cuda/bin/nvcc")));
    }

    /** As {@link #locate(Optional, Map)}, with the toolkit's usual places given. */
    static Nvcc locate(Optional<Path> explicit, Map<String, String> env, List<Path> usualPlaces) {
        List<Path> candidates = new ArrayList<>();
        if (explicit.isPresent()) {
            Path p = explicit.get();
            if (!Files.isExecutable(p)) {
                throw new UserInputException("--nvcc " + p + ": not an executable file");
            }
            candidates.add(p);
        } else {
            Optional.ofNullable(env.get("CUDA_HOME")).ifPresent(h -> candidates.add(Path.of(h, "bin", "nvcc")));
            candidates.addAll(usualPlaces);
            for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "nvcc"));
                }
            }
        }
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return new Nvcc(p, readVersion(p));
            }
        }
        throw new CudaUnavailableException("nvcc not found (looked in $CUDA_HOME/bin, /usr/local/cuda/bin and the "
                + "PATH): profile compiles its kernels on the GPU host; install the CUDA toolkit or pass --nvcc PATH");
    }

    static String readVersion(Path nvcc) {
        String out = run(List.of(nvcc.toString(), "--version"), null, 60);
        Matcher m = RELEASE.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException(nvcc + " --version printed no release: " + out.strip());
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /** nvcc's version, e.g. {@code 13.0.88}. */
    public String version() {
        return version;
    }

    public Path executable() {
        return executable;
    }

    /** The directory holding the toolkit's libraries ({@code <toolkit>/lib64}), where libcublasLt lives. */
    public Path libraryDir() {
        Path home = executable.toAbsolutePath().getParent().getParent();
        return home.resolve("lib64");
    }

    /** Compiles {@code source} to a cubin for {@code arch} ({@code sm_90}), cached in {@code cache}. */
    public Path cubin(Path source, String arch, Path cache) {
        List<String> flags = List.of("-cubin", "-O3", "-std=c++17", "-arch=" + arch);
        return build(source, flags, ".cubin", cache, arch);
    }

    /** Compiles {@code source} to an executable linked with {@code libs} ({@code cublasLt}), cached. */
    public Path program(Path source, String arch, List<String> libs, Path cache) {
        List<String> flags = new ArrayList<>(List.of("-O2", "-std=c++17", "-arch=" + arch, "-L" + libraryDir(),
                "-Xlinker", "-rpath=" + libraryDir()));
        libs.forEach(l -> flags.add(library(l)));
        return build(source, flags, "", cache, arch);
    }

    /**
     * How to link {@code name}: {@code -lname} where the toolkit has {@code libname.so}, else the
     * path of a versioned {@code libname.so.N} (toolkits installed from wheels or runtime packages
     * ship only those).
     */
    String library(String name) {
        Path dir = libraryDir();
        if (Files.exists(dir.resolve("lib" + name + ".so"))) {
            return "-l" + name;
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("lib" + name + ".so."))
                    .sorted().findFirst().map(f -> dir.resolve(f).toString()).orElse("-l" + name);
        } catch (IOException e) {
            return "-l" + name;
        }
    }

    private Path build(Path source, List<String> flags, String suffix, Path cache, String arch) {
        try {
            byte[] text = Files.readAllBytes(source);
            String name = source.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            String key = hash(text, String.join(" ", flags), version);
            Path out = cache.resolve(name + "-" + arch + "-" + key + suffix);
            if (Files.isRegularFile(out)) {
                return out;
            }
            Files.createDirectories(cache);
            Path tmp = cache.resolve(out.getFileName() + ".tmp");
            List<String> cmd = new ArrayList<>();
            cmd.add(executable.toString());
            cmd.addAll(flags);
            cmd.add("-o");
            cmd.add(tmp.toString());
            cmd.add(source.toString());
            // libraries after the source, as the linker reads them
            List<String> libs = cmd.stream().filter(s -> s.startsWith("-l") || s.contains(".so")).toList();
            cmd.removeAll(libs);
            cmd.addAll(libs);
            run(cmd, cache, COMPILE_TIMEOUT_S);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + source, e);
        }
    }

    static String hash(byte[] text, String flags, String version) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(text);
            d.update(flags.getBytes(StandardCharsets.UTF_8));
            d.update(version.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a tool, returning its output; a failure carries the output's last lines. */
    static String run(List<String> cmd, Path dir, long timeoutS) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in " + timeoutS + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + tail(text, 2000));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
        }
    }

    static String tail(String s, int chars) {
        String t = s.strip();
        return t.length() <= chars ? t : "..." + t.substring(t.length() - chars);
    }
}
