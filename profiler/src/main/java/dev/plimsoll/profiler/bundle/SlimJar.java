package dev.plimsoll.profiler.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A jar holding only what {@code plimsoll profile} needs on a GPU host, copied from the running
 * class path (the shaded jar, or class folders and dependency jars in a build): Plimsoll's
 * perfmodel, profiler and CLI classes with the GPU and model specs, Jackson and SnakeYAML, picocli,
 * SLF4J, Commons Math and JCuda with its driver library only. The calibration tables and the GUI,
 * optimizer and autoscaler stay behind.
 */
public final class SlimJar {
    /** Entry-name prefixes copied into the jar. */
    static final List<String> INCLUDE = List.of(
            "dev/plimsoll/perfmodel/", "dev/plimsoll/profiler/", "dev/plimsoll/cli/",
            "hardware-specs/", "model-specs/", "backends/", "simplelogger.properties",
            "com/fasterxml/jackson/", "org/yaml/snakeyaml/", "picocli/", "org/slf4j/", "org/apache/commons/math3/",
            "jcuda/", "lib/libJCudaDriver-", "META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
            "META-INF/services/com.fasterxml.jackson.");
    /**
     * The JMH benchmarks' generated classes. The other CLI commands' classes come along (small) but
     * are never loaded: they need modules left out.
     */
    static final List<String> EXCLUDE = List.of("dev/plimsoll/cli/bench/", "dev/plimsoll/cli/jmh_generated/");

    private SlimJar() {
    }

    static boolean wanted(String name) {
        return INCLUDE.stream().anyMatch(name::startsWith) && EXCLUDE.stream().noneMatch(name::startsWith)
                && !name.endsWith("/");
    }

    /**
     * Writes the jar to {@code target} from the class-path entries {@code classPath}, the first
     * occurrence of each entry winning.
     *
     * @return entries written
     */
    public static int write(List<Path> classPath, String mainClass, Path target) {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        Set<String> seen = new HashSet<>();
        try (OutputStream os = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(os, mf)) {
            for (Path entry : classPath) {
                if (Files.isDirectory(entry)) {
                    copyDirectory(entry, jar, seen);
                } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                    copyJar(entry, jar, seen);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        if (!seen.contains(mainClass.replace('.', '/') + ".class")) {
            throw new IllegalStateException("the class path holds no " + mainClass + ": cannot build the profile jar");
        }
        return seen.size();
    }

    private static void copyDirectory(Path dir, JarOutputStream jar, Set<String> seen) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                if (wanted(name) && seen.add(name)) {
                    jar.putNextEntry(new JarEntry(name));
                    Files.copy(f, jar);
                    jar.closeEntry();
                }
            }
        }
    }

    private static void copyJar(Path file, JarOutputStream jar, Set<String> seen) throws IOException {
        try (JarFile in = new JarFile(file.toFile())) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (wanted(e.getName()) && seen.add(e.getName())) {
                    jar.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream is = in.getInputStream(e)) {
                        is.transferTo(jar);
                    }
                    jar.closeEntry();
                }
            }
        }
    }
}
