package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;

/**
 * The path a request's KV cache takes from a prefill worker to a decode worker: NVLink inside a
 * node, RDMA between nodes. Transfers do not slow each other down (each pair of workers is
 * assumed to have its own path, as with one NIC per GPU).
 *
 * @param bandwidthBytesPerS bytes per second one transfer achieves, all GPUs of the worker together
 * @param latencyMs          fixed cost of one transfer (connection set-up, first-byte latency)
 */
public record KvTransferLink(double bandwidthBytesPerS, double latencyMs) {
    public KvTransferLink {
        if (!(bandwidthBytesPerS > 0) || Double.isInfinite(bandwidthBytesPerS)) {
            throw new UserInputException("KV transfer bandwidth must be a positive number of bytes/s, got "
                    + bandwidthBytesPerS);
        }
        if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
            throw new UserInputException("KV transfer latency must be >= 0 ms, got " + latencyMs);
        }
    }

    /**
     * The link between a prefill and a decode worker of {@code gpusPerWorker} GPUs each. Every GPU
     * holds its shard of the KV (attention heads are split across tensor-parallel ranks) and sends it
     * over its own link at the same time, so a transfer gets the per-GPU bandwidth times the GPUs:
     * NVLink when both workers sit in one scale-up domain, the GPU's network (RDMA) otherwise, with
     * that path's small-message latency.
     */
    public static KvTransferLink between(GpuSpec gpu, int gpusPerWorker, boolean sameScaleUpDomain) {
        if (gpusPerWorker < 1) {
            throw new UserInputException("a worker needs >= 1 GPU, got " + gpusPerWorker);
        }
        double perGpu = sameScaleUpDomain ? gpu.scaleUpBandwidthBytesPerS() : gpu.scaleOutBandwidthBytesPerS();
        double latencyUs = sameScaleUpDomain ? gpu.scaleUpLatencyUs() : gpu.scaleOutLatencyUs();
        if (!(perGpu > 0)) {
            throw new UserInputException("GPU " + gpu.id() + " has no " + (sameScaleUpDomain ? "scale-up" : "scale-out")
                    + " bandwidth to move KV caches over");
        }
        return new KvTransferLink(perGpu * gpusPerWorker, latencyUs / 1000.0);
    }

    /** Milliseconds to move {@code bytes}. */
    public double transferMs(double bytes) {
        return latencyMs + bytes / bandwidthBytesPerS * 1000.0;
    }
}
