package dev.plimsoll.optimizer.fleet;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the fleet fuzz targets share: the bundled specs, a scratch file per input, and the property
 * that a reader returns or throws a {@link UserInputException} of one non-empty line (anything
 * else propagates and Jazzer reports it), as perfmodel's ReaderContract states it.
 */
final class FleetInputFuzzing {
    static final SpecRegistry SPECS = SpecRegistry.bundled();
    private static Path dir;

    private FleetInputFuzzing() {
    }

    static void holds(Runnable read) {
        try {
            read.run();
        } catch (UserInputException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                throw new AssertionError("a UserInputException must carry one non-empty line, got: " + m, e);
            }
        }
    }

    static synchronized Path file(String name, byte[] bytes) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("plimsoll-fleet-fuzz");
                dir.toFile().deleteOnExit();
            }
            Path p = dir.resolve(name);
            Files.write(p, bytes);
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
