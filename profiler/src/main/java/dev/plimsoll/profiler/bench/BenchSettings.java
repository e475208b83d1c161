package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.cuda.DeviceInfo;
import dev.plimsoll.profiler.plan.ProfileDepth;

/**
 * How every point is measured.
 *
 * @param warmup      untimed replays
 * @param repeats     timed replays (the median is recorded)
 * @param rotateBytes bytes of distinct buffers each point cycles through, several times the L2
 */
public record BenchSettings(int warmup, int repeats, long rotateBytes) {
    /**
     * Buffers rotated per point: {@value #L2_MULTIPLE} times the L2, so that a launch never reads
     * what the previous ones left in it (an LRU cache of that size holds none of it), and no less
     * than {@value #MIN_ROTATE_MIB} MiB.
     */
    static final int L2_MULTIPLE = 3;
    static final long MIN_ROTATE_MIB = 256;

    public static BenchSettings of(ProfileDepth depth, DeviceInfo device) {
        return new BenchSettings(depth.warmup(), depth.repeats(),
                Math.max(L2_MULTIPLE * device.l2Bytes(), MIN_ROTATE_MIB << 20));
    }

    /** Buffer sets of {@code setBytes} each to rotate through: enough for {@link #rotateBytes}, at most {@code max}. */
    public int copies(double setBytes, int max) {
        return (int) Math.max(1, Math.min(max, Math.ceil(rotateBytes / Math.max(1.0, setBytes))));
    }
}
