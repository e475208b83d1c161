package dev.plimsoll.profiler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Stand-ins for the native helpers, speaking their line protocol (bash scripts), and a recording listener. */
final class FakeHelpers {
    private FakeHelpers() {
    }

    /**
     * A GEMM benchmark that answers "ok" with median m/1000 ms, refuses fp8_block (and fp8_rowwise at
     * n = 777), dies on m = 999, and logs each GEMM request's type, m and n to {@link #requestLog}.
     */
    static Path gemmBench(Path dir) throws IOException {
        return script(dir.resolve("gemm_bench"), """
                #!/usr/bin/env bash
                while read -r cmd dtype m n k rest; do
                  case "$cmd" in
                    version) echo "ok 130100 13000" ;;
                    gemm)
                      echo "$dtype $m $n" >> "$0.log"
                      if [ "$dtype" = fp8_block ]; then echo "err no cuBLASLt algorithm for this shape"
                      elif [ "$dtype" = fp8_rowwise ] && [ "$n" = 777 ]; then echo "err no outer-vector algorithm"
                      elif [ "$m" = 999 ]; then echo "device on fire" >&2; exit 3
                      else echo "ok $(awk "BEGIN{print $m/1000}") 0.0001 1 100 4"; fi ;;
                    quit) exit 0 ;;
                  esac
                done
                """);
    }

    /** Where {@link #gemmBench} logs its requests. */
    static Path requestLog(Path bench) {
        return bench.resolveSibling(bench.getFileName() + ".log");
    }

    static Path script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Records labels; asks to stop after {@code stopAfter} points (negative: never). */
    static final class Recorder implements PointListener {
        final List<String> labels = new ArrayList<>();
        private final int stopAfter;

        Recorder(int stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void done(String label, double estimatedSeconds) {
            labels.add(label);
        }

        @Override
        public boolean stopRequested() {
            return stopAfter >= 0 && labels.size() >= stopAfter;
        }
    }
}
