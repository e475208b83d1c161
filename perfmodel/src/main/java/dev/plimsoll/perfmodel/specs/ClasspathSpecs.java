package dev.plimsoll.perfmodel.specs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists and reads the {@code *.yaml} files of a classpath folder ({@code hardware-specs},
 * {@code model-specs}, {@code backends}), from a directory (IDE, tests) or from inside a jar.
 * A jar built without directory entries is scanned through this class's own code source.
 * Where two classpath roots hold the same file name, the first root wins.
 */
public final class ClasspathSpecs {
    private ClasspathSpecs() {
    }

    public static List<SpecFile> list(String folder) {
        return list(ClasspathSpecs.class.getClassLoader(), folder);
    }

    public static List<SpecFile> list(ClassLoader loader, String folder) {
        Map<String, SpecFile> byName = new LinkedHashMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                for (SpecFile f : fromUrl(roots.nextElement(), folder)) {
                    byName.putIfAbsent(f.fileName(), f);
                }
            }
            if (byName.isEmpty()) {
                Path own = codeSource();
                if (own != null && Files.isRegularFile(own)) {
                    fromJar(own, folder).forEach(f -> byName.putIfAbsent(f.fileName(), f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath folder " + folder, e);
        }
        List<SpecFile> files = new ArrayList<>(byName.values());
        files.sort(Comparator.comparing(SpecFile::fileName));
        return files;
    }

    /** The {@code *.yaml} files directly inside {@code folder} of a jar file. */
    public static List<SpecFile> fromJar(Path jar, String folder) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            return fromJarFile(jf, folder);
        }
    }

    private static List<SpecFile> fromUrl(URL url, String folder) throws IOException {
        switch (url.getProtocol()) {
            case "file":
                return fromDirectory(toPath(url), folder);
            case "jar": {
                URLConnection c = url.openConnection();
                c.setUseCaches(false);
                try (JarFile jf = ((JarURLConnection) c).getJarFile()) {
                    return fromJarFile(jf, folder);
                }
            }
            default:
                throw new IOException("unsupported classpath URL " + url);
        }
    }

    private static List<SpecFile> fromDirectory(Path dir, String folder) throws IOException {
        List<SpecFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".yaml") && Files.isRegularFile(p)) {
                    files.add(new SpecFile("classpath:" + folder + "/" + name, name,
                            Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
        }
        return files;
    }

    private static List<SpecFile> fromJarFile(JarFile jf, String folder) throws IOException {
        String prefix = folder + "/";
        List<SpecFile> files = new ArrayList<>();
        Enumeration<JarEntry> entries = jf.entries();
        while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            String n = e.getName();
            if (!e.isDirectory() && n.startsWith(prefix) && n.endsWith(".yaml")
                    && n.indexOf('/', prefix.length()) < 0) {
                try (InputStream in = jf.getInputStream(e)) {
                    String name = n.substring(prefix.length());
                    files.add(new SpecFile("classpath:" + n, name,
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return files;
    }

    private static Path codeSource() {
        CodeSource cs = ClasspathSpecs.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Path toPath(URL url) throws IOException {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("bad classpath URL " + url, e);
        }
    }
}
