package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.cuda.Timing;
import dev.plimsoll.profiler.plan.DecodePoint;
import dev.plimsoll.profiler.plan.ElementwisePoint;
import dev.plimsoll.profiler.plan.GemmDtypes;
import dev.plimsoll.profiler.plan.GemmPoint;
import dev.plimsoll.profiler.plan.PrefillPoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Everything one profile measured, and what it could not measure; thread-safe appends. */
public final class Measurements {
    /** Which path measured a row: recorded in the tables' kernel_source column. */
    public static final String GEMM_SOURCE = "cublasLt";
    /** Our split-KV kernel over a paged KV cache, on tensor cores (paged_decode.cu, mma.sync). */
    public static final String DECODE_SOURCE = "plimsoll_paged_decode_mma";
    /** The CUDA-core kernel paged_decode.cu held before (profiles of 2026-12-02 15:18 UTC and older). */
    public static final String CUDA_CORE_DECODE_SOURCE = "plimsoll_paged_decode";
    /** FlashAttention-2's split-KV kernel on tensor cores, through PyTorch SDPA (sdpa_bench.py). */
    public static final String TORCH_DECODE_SOURCE = "torch_sdpa_flash_decode";
    public static final String PREFILL_SOURCE_PREFIX = "torch_sdpa_";

    /**
     * @param recipe the engine recipe of an fp8 GEMM (gemm_bench.cu's fp8 flavours); null for the other types
     */
    public record Gemm(GemmPoint point, Timing timing, Fp8Recipe recipe) {
        /** A GEMM measured once for every engine; an fp8 one by vLLM's recipe. */
        public Gemm(GemmPoint point, Timing timing) {
            this(point, timing, point.dtype().equals(GemmDtypes.FP8) ? Fp8Recipe.VLLM
                    : null);
        }

        public String kernelSource() {
            return recipe == null ? GEMM_SOURCE : recipe.kernelSource();
        }
    }

    /** @param source which kernel measured it: {@link #DECODE_SOURCE} or {@link #TORCH_DECODE_SOURCE} */
    public record Decode(DecodePoint point, Timing timing, String source) {
        public Decode(DecodePoint point, Timing timing) {
            this(point, timing, DECODE_SOURCE);
        }
    }

    /** @param backend the SDPA kernel PyTorch chose (flash, cudnn, efficient, math) */
    public record Prefill(PrefillPoint point, Timing timing, String backend) {
    }

    public record Elementwise(ElementwisePoint point, Timing timing) {
        public double bytesPerS() {
            return point.bytes() / (timing.medianMs() * 1e-3);
        }
    }

    /** @param kind "read" or "copy"; bytesMoved counts reads and writes */
    public record Bandwidth(String kind, long bufferBytes, double bytesMoved, Timing timing) {
        public double bytesPerS() {
            return bytesMoved / (timing.medianMs() * 1e-3);
        }
    }

    private final List<Gemm> gemms = Collections.synchronizedList(new ArrayList<>());
    private final List<Decode> decodes = Collections.synchronizedList(new ArrayList<>());
    private final List<Prefill> prefills = Collections.synchronizedList(new ArrayList<>());
    private final List<Elementwise> elementwise = Collections.synchronizedList(new ArrayList<>());
    private final List<Bandwidth> bandwidth = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> notes = Collections.synchronizedSet(new LinkedHashSet<>());

    public void add(Gemm g) {
        gemms.add(g);
    }

    public void add(Decode d) {
        decodes.add(d);
    }

    public void add(Prefill p) {
        prefills.add(p);
    }

    public void add(Elementwise e) {
        elementwise.add(e);
    }

    public void add(Bandwidth b) {
        bandwidth.add(b);
    }

    public void note(String note) {
        notes.add(note);
    }

    public List<Gemm> gemms() {
        return List.copyOf(gemms);
    }

    public List<Decode> decodes() {
        return List.copyOf(decodes);
    }

    public List<Prefill> prefills() {
        return List.copyOf(prefills);
    }

    public List<Elementwise> elementwise() {
        return List.copyOf(elementwise);
    }

    public List<Bandwidth> bandwidth() {
        return List.copyOf(bandwidth);
    }

    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    /** Highest measured streaming-read bandwidth, 0 when none was measured. */
    public double readBytesPerS() {
        return bandwidth().stream().filter(b -> b.kind().equals("read")).mapToDouble(Bandwidth::bytesPerS).max()
                .orElse(0);
    }
}
