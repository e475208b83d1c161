package dev.plimsoll.perfmodel.sim.kvtier;

import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.Locale;

/**
 * Default bandwidth and latency of each KV tier for a worker of {@code gpus} GPUs of one type, from
 * the node the GPU sits in. Every GPU has its own link to host memory and its own share of the
 * node's drives and network, and a worker's tensor- and pipeline-parallel GPUs each move their own
 * shard of a block, so a worker's bandwidth is the per-GPU figure times its GPUs.
 */
public final class KvTierDefaults {
    /**
     * Share of a link's raw rate that bulk DMA copies reach: PCIe moves 256-byte payloads in
     * transaction packets with about 24 bytes of header and framing (about 91 %), and DMA engines
     * lose a few percent more; pinned host-to-device copies on Gen5 x16 typically reach 50-55 of 63 GB/s.
     * An estimate, the same for NVLink-C2C. Measured on H100 (vLLM blog "Inside vLLM's New KV Offloading
     * Connector", 2026-01-08, Fig. 4: one cudaMemcpyAsync transfer of 1,000 blocks, CPU to GPU): 47.7 GB/s
     * with 2 MB blocks, 51.1 GB/s with 16 MB, so 0.76-0.81; docs/kv-tiers.md compares both.
     */
    static final double LINK_EFFICIENCY = 0.85;
    /** One DMA transfer's set-up (a cudaMemcpyAsync launch and descriptor fetch, about 10 us); an estimate. */
    static final double LINK_LATENCY_MS = 0.01;
    /** PCIe Gen5 x16 per direction: 32 GT/s x 16 lanes x 128/130 / 8 = 63 GB/s (HARDWARE_FACTS: "Gen5 64 GB/s"). */
    static final double PCIE_GEN5_X16_BYTES_PER_S = 63e9;
    /** PCIe Gen4 x16 per direction: 16 GT/s x 16 x 128/130 / 8 = 31.5 GB/s (A100, L40S, L4 hosts). */
    static final double PCIE_GEN4_X16_BYTES_PER_S = 31.5e9;
    /** PCIe Gen6 x16 per direction, 126 GB/s (B300 HGX hosts; HARDWARE_FACTS "Gen6"). */
    static final double PCIE_GEN6_X16_BYTES_PER_S = 126e9;
    /**
     * NVLink-C2C between a Grace CPU and its GPUs: 900 GB/s bidirectional, 450 per direction
     * (NVIDIA GB200 NVL72 and GH200 datasheets); on GB200 one Grace serves two GPUs, so each GPU
     * is given half.
     */
    static final double C2C_BYTES_PER_S_PER_DIRECTION = 450e9;
    /**
     * One datacenter PCIe Gen4 U.2 NVMe drive per GPU (DGX H100 and DGX B200: 8 x 3.84 TB NVMe for
     * 8 GPUs): sequential read 6.9 GB/s and write 4.1 GB/s (Samsung PM9A3 3.84 TB data sheet).
     */
    static final double NVME_READ_BYTES_PER_S = 6.9e9;
    static final double NVME_WRITE_BYTES_PER_S = 4.1e9;
    /** NVMe read latency about 0.1 ms (the same data sheet's random-read latency class). */
    static final double NVME_LATENCY_MS = 0.1;
    /**
     * Remote storage (Mooncake store, 3FS, object store over RDMA): the GPU's scale-out NIC bandwidth,
     * and an assumed 1 ms per transfer for the storage service's lookup and round trip (not measured).
     */
    static final double REMOTE_LATENCY_MS = 1.0;

    private KvTierDefaults() {
    }

    /** The host link of one GPU, per direction, as rated (before {@link #LINK_EFFICIENCY}). */
    public static double hostLinkBytesPerS(GpuSpec gpu) {
        String id = gpu.id().toLowerCase(Locale.ROOT);
        if (id.startsWith("gb200") || id.startsWith("gb300")) {
            return C2C_BYTES_PER_S_PER_DIRECTION / 2;
        }
        if (id.startsWith("gh200")) {
            return C2C_BYTES_PER_S_PER_DIRECTION;
        }
        if (id.startsWith("b300")) {
            return PCIE_GEN6_X16_BYTES_PER_S;
        }
        if (id.startsWith("a100") || id.startsWith("l40") || id.startsWith("l4") || id.startsWith("a10")) {
            return PCIE_GEN4_X16_BYTES_PER_S;
        }
        // H100, H200, B200 HGX hosts and AMD MI300-series hosts: PCIe Gen5 x16 per GPU
        return PCIE_GEN5_X16_BYTES_PER_S;
    }

    /** Which link {@link #hostLinkBytesPerS} is, for reports. */
    public static String hostLinkName(GpuSpec gpu) {
        String id = gpu.id().toLowerCase(Locale.ROOT);
        if (id.startsWith("gb200") || id.startsWith("gb300") || id.startsWith("gh200")) {
            return "NVLink-C2C";
        }
        if (id.startsWith("b300")) {
            return "PCIe Gen6 x16";
        }
        if (id.startsWith("a100") || id.startsWith("l40") || id.startsWith("l4") || id.startsWith("a10")) {
            return "PCIe Gen4 x16";
        }
        return "PCIe Gen5 x16";
    }

    public static KvTierSpec tier(KvTierKind kind, long capacityBytes, GpuSpec gpu, int gpus) {
        switch (kind) {
            case HOST: {
                double bw = hostLinkBytesPerS(gpu) * LINK_EFFICIENCY * gpus;
                return new KvTierSpec(kind, capacityBytes, bw, bw, LINK_LATENCY_MS,
                        hostLinkName(gpu) + " x " + gpus + " GPUs at " + (int) (LINK_EFFICIENCY * 100) + " %");
            }
            case DISK:
                return new KvTierSpec(kind, capacityBytes, NVME_READ_BYTES_PER_S * gpus, NVME_WRITE_BYTES_PER_S * gpus,
                        NVME_LATENCY_MS, "one Gen4 NVMe drive per GPU (6.9 GB/s read, 4.1 write) x " + gpus);
            case REMOTE:
                return new KvTierSpec(kind, capacityBytes, gpu.scaleOutBandwidthBytesPerS() * gpus,
                        gpu.scaleOutBandwidthBytesPerS() * gpus, REMOTE_LATENCY_MS,
                        "scale-out NIC x " + gpus + " GPUs, 1 ms per transfer assumed");
            default:
                throw new IllegalStateException("unhandled tier " + kind);
        }
    }
}
