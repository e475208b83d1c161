package dev.plimsoll.cli.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.TimeSeriesSample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The --timeseries file: queue, running requests, KV usage and busy share per pool and interval. */
public final class TimeSeriesFile {
    private TimeSeriesFile() {
    }

    /** Checked before the run, so a typo does not cost a long simulation. */
    public static void validate(Path file) {
        if (!isCsv(file) && !isJson(file)) {
            throw new UserInputException("--timeseries " + file + ": the name must end in .csv or .json");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UserInputException("--timeseries " + file + ": directory " + dir + " does not exist");
        }
    }

    public static void write(Path file, List<TimeSeriesSample> samples) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (isCsv(file)) {
                TimeSeriesSample.writeCsv(samples, out);
            } else {
                out.write(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(samples));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write --timeseries " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }
}
