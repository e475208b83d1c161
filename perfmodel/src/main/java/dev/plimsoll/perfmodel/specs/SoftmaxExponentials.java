package dev.plimsoll.perfmodel.specs;

import java.util.Map;

/**
 * How many softmax exponentials a GPU computes per second: attention takes one exponential per score
 * (query head x attended key), which runs on the special function units (SASS {@code MUFU.EX2}),
 * not on the tensor cores that do the two matmuls around it. The two rates scale differently across
 * architectures, so an attention kernel that hides its exponentials under the matmuls on one GPU can
 * wait for them on another (FlashAttention-4, Zadouri, Hoehnerbach, Shah, Liu, Thakkar and Dao, 2026,
 * "Algorithm and Kernel Pipelining Co-Design for Asymmetric Hardware Scaling", and Together AI's post
 * of it: from the H100 to the B200 the BF16 tensor-core rate grows 2.25 times while the exponential
 * unit stays at 16 operations per clock per SM).
 *
 * <p>The rate is the architecture's exponentials per clock per SM over its dense BF16 tensor-core
 * FLOPs per clock per SM, times the datasheet's dense BF16 peak (which multiplies out SMs x clock x
 * that tensor rate), so both rooflines of a GPU stand at the same clock.
 */
public final class SoftmaxExponentials {
    /**
     * Per SM and clock, by CUDA compute capability: base-2 exponentials (MUFU.EX2) and dense BF16
     * tensor-core FLOPs.
     */
    private record PerSmClock(double exponentials, double denseBf16Flops) {
    }

    /**
     * Exponentials: 16 on Ampere, Ada, Hopper and Blackwell (CUDA C++ Programming Guide, arithmetic
     * instruction throughput, "base-2 exponential": 16 results per clock per SM; FlashAttention-4 for
     * Blackwell, "MUFU ... 16 ops/clock/SM, unchanged from Hopper"; measured 16.00 on an H200 with
     * bench/mufu-ex2-rate.cu), 32 on Blackwell Ultra (NVIDIA, "Making Softmax More Efficient with NVIDIA
     * Blackwell Ultra": SFU throughput for MUFU.EX2 doubled over Blackwell). Tensor FLOPs: datasheet
     * dense BF16 peak / (SMs x boost clock): A100 312 TFLOPS / (108 x 1.41 GHz) = 2048; L40S 362 /
     * (142 x 2.52 GHz) and L4 121 / (58 x 2.04 GHz) = 1024; H100 SXM 989 / (132 x 1.83 GHz) = 4096;
     * B200 2250 at 148 SMs (Chips and Cheese, "Nvidia's B200"), twice Hopper's per SM = 8192.
     */
    private static final Map<String, PerSmClock> BY_CAPABILITY = Map.of(
            "8.0", new PerSmClock(16, 2048),
            "8.6", new PerSmClock(16, 1024),
            "8.9", new PerSmClock(16, 1024),
            "9.0", new PerSmClock(16, 4096),
            "10.0", new PerSmClock(16, 8192),
            "10.3", new PerSmClock(32, 8192));

    private SoftmaxExponentials() {
    }

    /** Exponentials per second; 0 where the GPU's compute capability is not in the table (unknown). */
    public static double perS(GpuSpec gpu) {
        PerSmClock c = BY_CAPABILITY.get(gpu.computeCapability());
        Double bf16 = gpu.peakFlopsPerS().get(ComputeDtype.BF16);
        return c == null || bf16 == null ? 0.0 : bf16 * c.exponentials() / c.denseBf16Flops();
    }
}
