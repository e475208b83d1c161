package dev.plimsoll.perfmodel.cost;

/**
 * SGLang's launch defaults that depend on the GPU's memory, as its server_args.py sets them when a
 * flag is left out (python/sglang/srt/server_args.py, {@code _handle_gpu_memory_settings} and
 * {@code _handle_mem_fraction_static}, SGLang 0.5.x): {@code get_device_memory_capacity} in MiB
 * against fixed class bounds (T4/4080 under 20 GiB, A10/L40/4090 under 35 GiB, under 60 GiB, H100 and
 * A100 under 90 GiB, H20 under 100 GiB, H200 under 160 GiB, B200 and MI300 above).
 */
public final class SglangServerDefaults {
    private static final long GIB = 1L << 30;

    private SglangServerDefaults() {
    }

    /** --chunked-prefill-size: 2k under 35 GiB, 4k under 60 GiB, 8k under 160 GiB, 16k above. */
    public static int chunkedPrefillSize(long gpuMemoryBytes) {
        if (gpuMemoryBytes < 35 * GIB) {
            return 2048;
        }
        if (gpuMemoryBytes < 60 * GIB) {
            return 4096;
        }
        if (gpuMemoryBytes < 160 * GIB) {
            return 8192;
        }
        return 16384;
    }

    /**
     * --mem-fraction-static: (memory - reserved) / memory, reserved (2.8 + TP x PP / 10) GiB under
     * 35 GiB, (9.5 + TP x PP / 2) GiB under 90 GiB, (12 + TP x PP / 2) GiB under 160 GiB, 32 GiB above,
     * plus 4 GiB with attention data parallelism. (Between 35 and 60 GiB server_args keeps the
     * 90 GiB class's reserve.)
     */
    public static double memFractionStatic(long gpuMemoryBytes, int tpTimesPp, boolean dpAttention) {
        double reservedGib;
        if (gpuMemoryBytes < 35 * GIB) {
            reservedGib = 2.8 + tpTimesPp / 10.0;
        } else if (gpuMemoryBytes < 90 * GIB) {
            reservedGib = 9.5 + tpTimesPp / 2.0;
        } else if (gpuMemoryBytes < 160 * GIB) {
            reservedGib = 12 + tpTimesPp / 2.0;
        } else {
            reservedGib = 32;
        }
        if (dpAttention) {
            reservedGib += 4;
        }
        double memoryGib = (double) gpuMemoryBytes / GIB;
        return Math.round((memoryGib - reservedGib) / memoryGib * 1000) / 1000.0;
    }
}
