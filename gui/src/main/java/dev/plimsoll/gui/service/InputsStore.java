package dev.plimsoll.gui.service;

import dev.plimsoll.gui.service.PlanInputs.LoadKind;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The last plan inputs, remembered in a small properties file: {@code ~/.config/plimsoll/gui.properties}
 * (XDG_CONFIG_HOME when set), or the file the system property {@code plimsoll.gui.prefs} names.
 */
public final class InputsStore {
    private final Path file;

    public InputsStore(Path file) {
        this.file = file;
    }

    public static InputsStore standard() {
        String override = System.getProperty("plimsoll.gui.prefs");
        if (override != null && !override.isBlank()) {
            return new InputsStore(Path.of(override));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new InputsStore(base.resolve("plimsoll").resolve("gui.properties"));
    }

    /** A store that remembers nothing (snapshots, benchmarks). */
    public static InputsStore disabled() {
        return new InputsStore(null);
    }

    public Path file() {
        return file;
    }

    /** The remembered inputs; empty when there are none or the file cannot be read as inputs. */
    public Optional<PlanInputs> load() {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            return Optional.of(new PlanInputs(p.getProperty("model"),
                    Arrays.asList(p.getProperty("gpus", "").split(",")), p.getProperty("engine"),
                    p.getProperty("quant"), Integer.parseInt(p.getProperty("isl")), Integer.parseInt(p.getProperty("osl")),
                    Integer.parseInt(p.getProperty("prefix", "0")), LoadKind.of(p.getProperty("load_kind")), Double.parseDouble(p.getProperty("load_value")),
                    Double.parseDouble(p.getProperty("ttft_ms")),
                    // files from before the TPOT target have none: no bound
                    Double.parseDouble(p.getProperty("tpot_ms", "Infinity")),
                    Double.parseDouble(p.getProperty("itl_ms", "Infinity")),
                    Integer.parseInt(p.getProperty("percentile")), p.getProperty("mode"),
                    Boolean.parseBoolean(p.getProperty("simulate", "true")), p.getProperty("trace", "")));
        } catch (IOException | RuntimeException e) {
            // a damaged or older file: start from the defaults rather than refuse to open
            return Optional.empty();
        }
    }

    public void save(PlanInputs in) {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("model", in.model());
        p.setProperty("gpus", String.join(",", in.gpus()));
        p.setProperty("engine", in.engine());
        p.setProperty("quant", in.quant());
        p.setProperty("isl", Integer.toString(in.isl()));
        p.setProperty("osl", Integer.toString(in.osl()));
        p.setProperty("prefix", Integer.toString(in.prefixTokens()));
        p.setProperty("load_kind", in.loadKind().name().toLowerCase(Locale.ROOT));
        p.setProperty("load_value", Double.toString(in.loadValue()));
        p.setProperty("ttft_ms", Double.toString(in.ttftMs()));
        p.setProperty("tpot_ms", Double.toString(in.tpotMs()));
        p.setProperty("itl_ms", Double.toString(in.itlMs()));
        p.setProperty("percentile", Integer.toString(in.percentile()));
        p.setProperty("mode", in.mode());
        p.setProperty("simulate", Boolean.toString(in.simulate()));
        p.setProperty("trace", in.trace());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(file)) {
                p.store(w, "plimsoll gui: last plan inputs");
            }
        } catch (IOException e) {
            // remembering is a convenience; a read-only home must not stop planning
        }
    }
}
