package dev.plimsoll.profiler.plan;

import java.util.List;

/**
 * How much a profile measures: the grid of token counts, attention lengths and batch sizes, and
 * the repeats per point. {@code QUICK} takes minutes on one GPU for a few models; {@code FULL}
 * takes about four times longer and measures bf16 and fp8 for every weight shape and both KV-cache
 * types. The grids follow the measured tables' own (shared/data/README.md: GEMM m from 1 to 32768,
 * attention sequence lengths and batches in powers of two).
 */
public enum ProfileDepth {
    QUICK(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L, 2048L, 4096L, 8192L),
            List.of(1, 4), List.of(128, 512, 1024, 2048, 4096, 8192), 16_384,
            List.of(1, 8, 32, 128, 256), List.of(127, 1023, 4095, 16_383), 1L << 19,
            List.of(1, 256, 4096), 3, 9),
    FULL(List.of(1L, 2L, 3L, 4L, 6L, 8L, 12L, 16L, 24L, 32L, 33L, 48L, 64L, 65L, 96L, 128L, 129L, 192L, 256L, 257L,
            384L, 512L, 513L, 768L, 1024L, 1025L, 1536L, 2048L, 2049L, 3072L, 4096L, 4097L, 6144L, 8192L, 12288L,
            16384L),
            List.of(1, 2, 4, 8, 16), List.of(128, 256, 512, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 16_384, 32_768),
            32_768,
            List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512), List.of(63, 127, 255, 511, 1023, 2047, 4095, 8191,
            16_383, 32_767, 65_535), 1L << 21,
            List.of(1, 16, 256, 4096, 16_384), 5, 15);

    private final List<Long> gemmTokens;
    private final List<Integer> prefillBatches;
    private final List<Integer> prefillLengths;
    private final int prefillMaxTokens;
    private final List<Integer> decodeBatches;
    private final List<Integer> decodeSteps;
    private final long decodeMaxCachedTokens;
    private final List<Integer> elementwiseRows;
    private final int warmup;
    private final int repeats;

    ProfileDepth(List<Long> gemmTokens, List<Integer> prefillBatches, List<Integer> prefillLengths, int prefillMaxTokens,
                 List<Integer> decodeBatches, List<Integer> decodeSteps, long decodeMaxCachedTokens,
                 List<Integer> elementwiseRows, int warmup, int repeats) {
        this.gemmTokens = gemmTokens;
        this.prefillBatches = prefillBatches;
        this.prefillLengths = prefillLengths;
        this.prefillMaxTokens = prefillMaxTokens;
        this.decodeBatches = decodeBatches;
        this.decodeSteps = decodeSteps;
        this.decodeMaxCachedTokens = decodeMaxCachedTokens;
        this.elementwiseRows = elementwiseRows;
        this.warmup = warmup;
        this.repeats = repeats;
    }

    /** GEMM m values (tokens in the step). */
    public List<Long> gemmTokens() {
        return gemmTokens;
    }

    public List<Integer> prefillBatches() {
        return prefillBatches;
    }

    public List<Integer> prefillLengths() {
        return prefillLengths;
    }

    /** Largest batch x prompt length of a prefill attention point. */
    public int prefillMaxTokens() {
        return prefillMaxTokens;
    }

    public List<Integer> decodeBatches() {
        return decodeBatches;
    }

    /** KV lengths already cached (the tables' {@code step}). */
    public List<Integer> decodeSteps() {
        return decodeSteps;
    }

    /** Largest batch x cached tokens of a decode attention point. */
    public long decodeMaxCachedTokens() {
        return decodeMaxCachedTokens;
    }

    public List<Integer> elementwiseRows() {
        return elementwiseRows;
    }

    /** Untimed replays before the timed ones. */
    public int warmup() {
        return warmup;
    }

    /** Timed replays; the median is recorded. */
    public int repeats() {
        return repeats;
    }
}
