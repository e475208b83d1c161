package dev.plimsoll.perfmodel.memory;

/**
 * Memory of one GPU of a replica (the fullest pipeline stage). The parts add up to
 * {@link #totalBytes()}, which never exceeds the usable part of {@link #capacityBytes()}.
 *
 * @param weightsBytes    model weights held by this GPU
 * @param kvCacheBytes    KV-cache pool left for requests
 * @param activationBytes activations and workspace of the largest step
 * @param reservedBytes   CUDA graphs, communication buffers, context and framework memory
 * @param capacityBytes   the GPU's memory
 */
public record MemoryBreakdown(long weightsBytes, long kvCacheBytes, long activationBytes, long reservedBytes,
                              long capacityBytes) {
    public long totalBytes() {
        return weightsBytes + kvCacheBytes + activationBytes + reservedBytes;
    }
}
