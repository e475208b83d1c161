package dev.plimsoll.perfmodel.calib;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the prebuilt families of the shipped bundles are a function of, as one SHA-256: the bundle
 * files (manifests and raw tables) and the code ({@link #codeKey}): the bytes of every Plimsoll
 * class the fitting code can reach (found by walking the class files' constant pools from
 * {@link FittedBundleGenerator}, so a change to the fit, the roofline or the table reader counts,
 * a change to the simulator does not), the format version, the JVM (its {@code Math.log} and
 * {@code Math.exp}) and the commons-math jar (the least-squares fits).
 * {@link FittedBundleGenerator} fits again only when this key changes.
 */
final class FitInputs {
    private static final String OWN_PACKAGES = "dev/plimsoll/";
    /** Plimsoll class names inside constant-pool strings: class entries and type descriptors. */
    private static final Pattern CLASS_NAME = Pattern.compile("dev/plimsoll/[A-Za-z0-9_/$]+");

    private FitInputs() {
    }

    /**
     * The key of the shipped bundles under {@code calibrationDir} (skipping generated files) and of
     * the code ({@link #codeKey}).
     */
    static String key(Path calibrationDir, String codeKey) throws IOException {
        MessageDigest sha = sha256();
        text(sha, "code " + codeKey);
        List<Path> files;
        try (Stream<Path> s = Files.walk(calibrationDir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !FittedBundleGenerator.generated(p)).sorted().toList();
        }
        for (Path f : files) {
            text(sha, calibrationDir.relativize(f).toString().replace('\\', '/'));
            sha.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The key of the fitting code alone: the prebuilt format, the JVM, the commons-math jar and the
     * Plimsoll classes reachable from {@code root}. Prebuilt curves cached beside a user's bundle
     * ({@link FitCache}) are valid while it holds.
     */
    static String codeKey(Class<?> root) throws IOException {
        MessageDigest sha = sha256();
        text(sha, "prebuilt format " + FittedFamilyIo.VERSION);
        text(sha, "jvm " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        var math = org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression.class.getProtectionDomain()
                .getCodeSource();
        text(sha, "commons-math " + (math == null ? "?" : Path.of(math.getLocation().getPath()).getFileName()));
        ClassLoader cl = root.getClassLoader();
        for (var e : closure(root.getName().replace('.', '/'), cl).entrySet()) {
            text(sha, e.getKey());
            sha.update(e.getValue());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** SHA-256 of some bytes, hex. */
    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** Class files of the Plimsoll classes reachable from {@code root}, by name. */
    static TreeMap<String, byte[]> closure(String root, ClassLoader cl) throws IOException {
        TreeMap<String, byte[]> seen = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.containsKey(name)) {
                continue;
            }
            byte[] bytes;
            try (InputStream in = cl.getResourceAsStream(name + ".class")) {
                if (in == null) {
                    continue; // a package name or a class of another module
                }
                bytes = in.readAllBytes();
            }
            seen.put(name, bytes);
            for (String ref : referencedNames(bytes)) {
                if (!seen.containsKey(ref)) {
                    todo.push(ref);
                }
            }
        }
        return seen;
    }

    /** Plimsoll class names named anywhere in a class file's constant pool (JVMS 4.4). */
    static Set<String> referencedNames(byte[] classFile) throws IOException {
        Set<String> out = new TreeSet<>();
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> { // Utf8: class names, descriptors, signatures
                    String s = in.readUTF();
                    if (s.contains(OWN_PACKAGES)) {
                        Matcher m = CLASS_NAME.matcher(s);
                        while (m.find()) {
                            out.add(m.group());
                        }
                    }
                }
                case 3, 4 -> in.skipBytes(4); // Integer, Float
                case 5, 6 -> { // Long, Double take two slots
                    in.skipBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2); // Class, String, MethodType, Module, Package
                case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4); // refs, NameAndType, (Invoke)Dynamic
                case 15 -> in.skipBytes(3); // MethodHandle
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return out;
    }

    private static void text(MessageDigest sha, String s) {
        byte[] b = (s + "\n").getBytes(StandardCharsets.UTF_8);
        sha.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
