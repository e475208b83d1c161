package dev.plimsoll.perfmodel.specs;

/**
 * Achieved fraction of a GPU's peak, used by the analytic roofline where no measurement covers a
 * kernel. Sources are given in the hardware YAML beside each figure.
 *
 * @param gemm          large-GEMM fraction of tensor-core peak
 * @param memory        streaming fraction of HBM bandwidth
 * @param attention     flash-attention fraction of bf16 peak
 * @param collectiveBus NCCL bus-bandwidth fraction of the scale-up link
 */
public record Efficiency(double gemm, double memory, double attention, double collectiveBus) {
    public Efficiency {
        check("gemm", gemm);
        check("memory", memory);
        check("attention", attention);
        check("collective_bus", collectiveBus);
    }

    private static void check(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException("efficiency " + name + " must be in (0, 1], got " + v);
        }
    }
}
