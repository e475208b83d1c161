package dev.plimsoll.perfmodel.specs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The project's shared reference data ({@code ../shared/data} beside the reactor root). */
public final class SharedData {
    private SharedData() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("plimsoll.root", ".."), "..", "shared", "data").normalize();
    }

    public static Path hfConfigs() {
        return dir().resolve("hf-configs");
    }

    public static Path hfConfig(String file) {
        return hfConfigs().resolve(file);
    }

    /** Rows of a gzipped CSV under data/, each a column-name-to-value map. */
    public static List<Map<String, String>> csvGz(String relative) {
        Path p = dir().resolve(relative);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] cells = line.split(",", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length && i < cells.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
