package dev.plimsoll.perfmodel.calib.table;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The kernel tables of one GPU in one directory ({@code gemm_vllm.csv.gz}, {@code nccl.csv.gz},
 * ...), found by file name.
 *
 * @param dir   the directory
 * @param files framework -> family -> file; NCCL under the empty framework
 */
public record TableDirectory(Path dir, Map<String, Map<KernelFamily, Path>> files) {

    public static TableDirectory scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": not a directory of kernel tables");
        }
        Map<String, Map<KernelFamily, Path>> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(p -> KernelFamily.parseFileName(p.getFileName().toString()).ifPresent(tf ->
                    files.computeIfAbsent(tf.framework(), k -> new EnumMap<>(KernelFamily.class))
                            .put(tf.family(), p)));
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list kernel tables: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new UserInputException(dir + ": no kernel tables found (expected files such as gemm_vllm.csv.gz)");
        }
        return new TableDirectory(dir, files);
    }

    /** Frameworks with at least one table of their own (NCCL excluded). */
    public Set<String> frameworks() {
        Map<String, Map<KernelFamily, Path>> copy = new TreeMap<>(files);
        copy.remove("");
        return copy.keySet();
    }

    /** Tables of a framework, with the shared NCCL table when present. */
    public Map<KernelFamily, Path> tablesFor(String framework) {
        Map<KernelFamily, Path> out = new EnumMap<>(KernelFamily.class);
        out.putAll(files.getOrDefault("", Map.of()));
        out.putAll(files.getOrDefault(framework, Map.of()));
        return out;
    }
}
