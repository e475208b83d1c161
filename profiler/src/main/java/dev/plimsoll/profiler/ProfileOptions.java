package dev.plimsoll.profiler;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a profile runs on the GPU host.
 *
 * @param device      CUDA device ordinal
 * @param nvcc        nvcc to use (else found on the host)
 * @param python      interpreter for the PyTorch prefill benchmark; empty to skip it
 * @param workDir     where kernel sources and builds are kept (builds are reused)
 * @param timeLimitS  stop measuring after this many seconds (0: no limit); what was measured is written
 * @param nvidiaSmi   nvidia-smi executable for clocks and temperature
 * @param backends    engine names the tables are written under
 */
public record ProfileOptions(int device, Optional<Path> nvcc, Optional<String> python, Path workDir, double timeLimitS,
                             String nvidiaSmi, List<String> backends) {
    public ProfileOptions {
        backends = List.copyOf(backends);
    }
}
