package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.Efficiency;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.L2Cache;

import java.util.Map;

/** GPU figures of shared/HARDWARE_FACTS.md, for tests and the bundle builder. */
public final class TestGpus {
    private static final double TB = 1e12;
    private static final double GB = 1e9;
    /** H100/H200 measured achieved fractions (HARDWARE_FACTS.md "Achieved versus peak"). */
    private static final Efficiency HOPPER = new Efficiency(0.78, 0.84, 0.6, 0.8);
    /** GH100's 50 MiB L2 read at 9.8 TB/s (hardware-specs/h200-sxm.yaml). */
    static final L2Cache HOPPER_L2 = new L2Cache(50L << 20, 9.8e12);

    private TestGpus() {
    }

    /** H100 SXM: 989 / 1,979 TF, 3.35 TB/s, NVLink4 450 GB/s per direction, 50 MiB L2. */
    public static GpuSpec h100() {
        return hopper(gpu("h100-sxm", 989e12, 1979e12, 0, 80L << 30, 3.35 * TB, 450 * GB, HOPPER));
    }

    /** H200 SXM: 989 / 1,979 TF, 4.8 TB/s, 450 GB/s, 50 MiB L2. */
    public static GpuSpec h200() {
        return hopper(gpu("h200-sxm", 989e12, 1979e12, 0, 141L << 30, 4.8 * TB, 450 * GB, HOPPER));
    }

    /** GH100: its 50 MiB L2 and compute capability 9.0 (hardware-specs/h100-sxm.yaml). */
    private static GpuSpec hopper(GpuSpec g) {
        return new GpuSpec(g.id(), g.name(), g.vendor(), g.peakFlopsPerS(), g.memoryBytes(), g.memoryBandwidthBytesPerS(),
                g.scaleUpBandwidthBytesPerS(), g.scaleUpDomainGpus(), g.scaleOutBandwidthBytesPerS(), g.gpusPerNode(),
                g.scaleUpLatencyUs(), g.scaleOutLatencyUs(), g.pricePerGpuHourUsd(), g.efficiency(), g.source(), HOPPER_L2,
                "9.0");
    }

    /** B200: 2,250 / 4,500 / 9,000 TF, 7.7 TB/s, NVLink5 900 GB/s. */
    public static GpuSpec b200() {
        return gpu("b200", 2250e12, 4500e12, 9000e12, 180L << 30, 7.7 * TB, 900 * GB,
                new Efficiency(0.65, 0.8, 0.5, 0.8));
    }

    /** A100 SXM 80GB: 312 TF bf16 (no fp8), 2.039 TB/s, NVLink3 300 GB/s. */
    public static GpuSpec a100() {
        return gpu("a100-sxm-80gb", 312e12, 0, 0, 80L << 30, 2.039 * TB, 300 * GB,
                new Efficiency(0.84, 0.81, 0.6, 0.8));
    }

    private static GpuSpec gpu(String id, double bf16, double fp8, double fp4, long mem, double bw, double link,
                               Efficiency eff) {
        Map<ComputeDtype, Double> peaks = new java.util.EnumMap<>(ComputeDtype.class);
        peaks.put(ComputeDtype.BF16, bf16);
        if (fp8 > 0) {
            peaks.put(ComputeDtype.FP8, fp8);
        }
        if (fp4 > 0) {
            peaks.put(ComputeDtype.FP4, fp4);
        }
        return new GpuSpec(id, id, "nvidia", peaks, mem, bw, link, 8, 50 * GB, 8, 10, 20, 3.0, eff, "HARDWARE_FACTS.md");
    }

    /** A backend profile with a 4 us graph-mode kernel cost. */
    public static BackendProfile backend(String id) {
        return new BackendProfile(id, 4, 4, 8, 1, 5, 512, 256, 8192, 3L << 30, 1L << 30, 1L << 30, "test");
    }
}
