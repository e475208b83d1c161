package dev.plimsoll.perfmodel.specs;

/**
 * A GPU's last-level (L2) cache as the kernel-table transfer uses it: what a working set must fit to
 * be read from it when a kernel is replayed over the same buffers, and how fast it is read then.
 *
 * @param capacityBytes      L2 capacity in bytes; 0 when the spec does not give it
 * @param bandwidthBytesPerS sustained L2 read bandwidth (a microbenchmark's figure, not a datasheet
 *                           peak: NVIDIA publishes none); 0 when the spec does not give it
 */
public record L2Cache(long capacityBytes, double bandwidthBytesPerS) {
    /** A spec without L2 figures: nothing is priced as L2-resident on it. */
    public static final L2Cache UNKNOWN = new L2Cache(0, 0);

    public L2Cache {
        if (capacityBytes < 0 || !(bandwidthBytesPerS >= 0) || Double.isInfinite(bandwidthBytesPerS)) {
            throw new IllegalArgumentException("L2 capacity and bandwidth must be finite and 0 or more");
        }
    }

    /** Both figures given: the L2 can price a working set. */
    public boolean known() {
        return capacityBytes > 0 && bandwidthBytesPerS > 0;
    }

    /** Whether a working set of this many bytes fits (false when the capacity is unknown). */
    public boolean holds(double workingSetBytes) {
        return capacityBytes > 0 && workingSetBytes <= capacityBytes;
    }
}
