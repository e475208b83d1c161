package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

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

    /** Milliseconds to move {@code bytes}. */
    public double transferMs(double bytes) {
        return latencyMs + bytes / bandwidthBytesPerS * 1000.0;
    }
}
