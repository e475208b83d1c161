package dev.plimsoll.perfmodel.cost;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SGLang's launch defaults that depend on the GPU's memory, as its server_args.py sets them when a
 * flag is left out (python/sglang/srt/server_args.py, {@code _handle_gpu_memory_settings}):
 * {@code get_device_memory_capacity} in MiB against fixed class bounds (T4/4080 under 20 GiB,
 * A10/L40/4090 under 35 GiB, A100-40G/L40S under 60 GiB, H100 and A100 under 90 GiB, H20 and H200
 * under 160 GiB, B200 and MI300 above). How the static memory fraction is derived changed with
 * v0.5.3rc2 ({@link ReserveRule}); read at the tags v0.5.1.post1, v0.5.3, v0.5.6.post2 and v0.5.9.
 */
public final class SglangServerDefaults {
    private static final long GIB = 1L << 30;
    private static final double MIB = 1 << 20;
    private static final Pattern RELEASE = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)");

    /** How a release reserves memory outside mem_fraction_static when the flag is left out. */
    public enum ReserveRule {
        /**
         * Up to v0.5.2: a fixed reserve per memory class, (2.8 + TP x PP / 10) GiB under 35 GiB,
         * (9.5 + TP x PP / 2) GiB under 90 GiB, (12 + TP x PP / 2) GiB under 160 GiB, 32 GiB above,
         * plus 4 GiB with attention data parallelism (v0.5.1.post1 {@code __post_init__}).
         */
        PER_MEMORY_CLASS,
        /**
         * From v0.5.3rc2 (PR #11076, "Fix mem fraction static for nightly tests", 2025-09-29): in MiB,
         * 512 + 1.5 x max(chunked-prefill size, 2048) + 2 x cuda_graph_max_bs + TP x PP / 8 x 1024,
         * with attention data parallelism + 3 x cuda_graph_max_bs x DP (+ 1.5 x cuda_graph_max_bs x DP
         * above 300 graphs). (Its floor of 10 GiB on GPUs above 60 GiB never binds: their chunk
         * alone reserves 12 GiB.) Unchanged to v0.5.9; v0.5.10
         * adds a reserve for its piecewise CUDA graphs (default on there, under 17 conditions that
         * turn it off), which is not modelled: at most 1.5 GiB.
         */
        ACTIVATIONS_AND_GRAPHS;

        /**
         * The rule of an engine version ({@code 0.5.1.post1}, {@code v0.5.9}); a version that does not
         * start with major.minor.patch (a custom image's tag, or none recorded) is taken as a current
         * release.
         */
        public static ReserveRule of(String version) {
            Matcher m = RELEASE.matcher(version == null ? "" : version.trim());
            if (!m.find()) {
                return ACTIVATIONS_AND_GRAPHS;
            }
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            int patch = Integer.parseInt(m.group(3));
            boolean before = major == 0 && (minor < 5 || minor == 5 && patch < 3);
            return before ? PER_MEMORY_CLASS : ACTIVATIONS_AND_GRAPHS;
        }
    }

    /**
     * What the memory fraction depends on.
     *
     * @param gpuMemoryBytes   the GPU's memory
     * @param tp               SGLang's --tp-size: every GPU of the engine, attention-DP ranks included
     * @param pp               --pp-size
     * @param attentionDp      attention data-parallel ranks (--dp-size with --enable-dp-attention); 1 without
     * @param cudaGraphMaxBs   the largest captured batch as launched; 0 for the release's default
     * @param version          the engine version, for its {@link ReserveRule}
     */
    public record MemoryLaunch(long gpuMemoryBytes, int tp, int pp, int attentionDp, int cudaGraphMaxBs,
                               String version) {
        public MemoryLaunch {
            if (gpuMemoryBytes <= 0 || tp < 1 || pp < 1 || attentionDp < 1 || cudaGraphMaxBs < 0) {
                throw new IllegalArgumentException("SGLang launch: memory, tp, pp and dp must be positive, got "
                        + gpuMemoryBytes + " B, tp " + tp + ", pp " + pp + ", dp " + attentionDp);
            }
        }
    }

    private SglangServerDefaults() {
    }

    /** --chunked-prefill-size of today's releases: 2k under 35 GiB, 4k under 60 GiB, 8k under 160 GiB, 16k above. */
    public static int chunkedPrefillSize(long gpuMemoryBytes) {
        return chunkedPrefillSize(gpuMemoryBytes, ReserveRule.ACTIVATIONS_AND_GRAPHS);
    }

    /** --chunked-prefill-size; before v0.5.3 there was no 4k class (35-160 GiB took 8k). */
    public static int chunkedPrefillSize(long gpuMemoryBytes, ReserveRule rule) {
        if (gpuMemoryBytes < 35 * GIB) {
            return 2048;
        }
        if (gpuMemoryBytes < 60 * GIB && rule == ReserveRule.ACTIVATIONS_AND_GRAPHS) {
            return 4096;
        }
        if (gpuMemoryBytes < 160 * GIB) {
            return 8192;
        }
        return 16384;
    }

    /**
     * --cuda-graph-max-bs. Before v0.5.3: 8 (TP under 4) or 80 under 35 GiB, else the flag's 160. From
     * v0.5.3: 8 under 20 GiB; 24 or 80 under 35 GiB; 32 or 160 under 60 GiB; 256 or 512 under 160 GiB
     * (the first figure below TP 4); 512 above.
     */
    public static int cudaGraphMaxBs(long gpuMemoryBytes, int tp, ReserveRule rule) {
        boolean smallTp = tp < 4;
        if (rule == ReserveRule.PER_MEMORY_CLASS) {
            return gpuMemoryBytes < 35 * GIB ? (smallTp ? 8 : 80) : 160;
        }
        if (gpuMemoryBytes < 20 * GIB) {
            return 8;
        }
        if (gpuMemoryBytes < 35 * GIB) {
            return smallTp ? 24 : 80;
        }
        if (gpuMemoryBytes < 60 * GIB) {
            return smallTp ? 32 : 160;
        }
        if (gpuMemoryBytes < 160 * GIB) {
            return smallTp ? 256 : 512;
        }
        return 512;
    }

    /** --mem-fraction-static: (memory - reserve) / memory, rounded to three places as server_args does. */
    public static double memFractionStatic(MemoryLaunch launch) {
        double memoryMib = launch.gpuMemoryBytes() / MIB;
        double reservedMib = reservedMib(launch);
        return Math.round((memoryMib - reservedMib) / memoryMib * 1000) / 1000.0;
    }

    private static double reservedMib(MemoryLaunch l) {
        long memory = l.gpuMemoryBytes();
        ReserveRule rule = ReserveRule.of(l.version());
        int parallel = l.tp() * l.pp();
        boolean dpAttention = l.attentionDp() > 1;
        if (rule == ReserveRule.PER_MEMORY_CLASS) {
            double gib;
            if (memory < 35 * GIB) {
                gib = 2.8 + parallel / 10.0;
            } else if (memory < 90 * GIB) {
                gib = 9.5 + parallel / 2.0;
            } else if (memory < 160 * GIB) {
                gib = 12 + parallel / 2.0;
            } else {
                gib = 32;
            }
            return (gib + (dpAttention ? 4 : 0)) * 1024;
        }
        int graphs = l.cudaGraphMaxBs() > 0 ? l.cudaGraphMaxBs() : cudaGraphMaxBs(memory, l.tp(), rule);
        double mib = 512 + Math.max(chunkedPrefillSize(memory, rule), 2048) * 1.5 + graphs * 2.0
                + parallel / 8.0 * 1024;
        if (dpAttention) {
            mib += graphs * l.attentionDp() * 3.0;
            if (graphs > 300) {
                mib += graphs * l.attentionDp() * 1.5;
            }
        }
        return mib;
    }
}
