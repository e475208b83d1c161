package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.Locale;
import java.util.Optional;

/** Layouts whose figures hold but that few would deploy, said in words. */
public final class LayoutWarnings {
    private LayoutWarnings() {
    }

    /**
     * Tensor (and attention-DP) parallelism wider than the GPU's scale-up domain: every
     * all-reduce of every layer then crosses the network. The figures include that cost (the
     * collectives run at the scale-out bandwidth); {@code plan} never searches such layouts.
     */
    public static Optional<String> acrossNodes(Parallelism p, GpuSpec gpu) {
        int stage = p.tp() * p.dp();
        int domain = gpu.scaleUpDomainGpus();
        if (stage <= domain) {
            return Optional.empty();
        }
        String layout = p.dp() > 1 ? "tp" + p.tp() + " x dp" + p.dp() : "tp" + p.tp();
        return Optional.of(String.format(Locale.ROOT,
                "tensor parallelism across nodes: %s spans %d GPUs per pipeline stage but one %s NVLink domain "
                        + "holds %d, so every all-reduce crosses the network (%.0f GB/s instead of %.0f GB/s per "
                        + "direction; the figures include it); keep tp x dp within %d and add GPUs with --pp",
                layout, stage, gpu.id(), domain, gpu.scaleOutBandwidthBytesPerS() / 1e9,
                gpu.scaleUpBandwidthBytesPerS() / 1e9, domain));
    }
}
