package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.cost.MoeKernel;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.specs.ComputeDtype;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * vLLM's Marlin MoE at a shape its kernel table does not measure, priced from how the kernel works
 * ({@link MarlinBlocks}) with five terms calibrated on every Marlin shape the table does measure:
 * <pre>
 *   time = fixed + bufferBlocks x perBlock + blocks x expertWeightBytes / streamRate
 *          + mmaRows x 6 x hidden x inter / mmaRate + mmaRows x (2 x inter + hidden) x perOutput
 * </pre>
 * the fixed part (launches, {@code moe_align_block_size}, activation, the final sum), the walk over the
 * worst-case sorted-token buffer (grows with the experts, not the tokens), the weight stream
 * (each M-block reads its expert's 4- or 8-bit weights of both GEMMs once), the dequantised MMA over
 * the padded rows and the epilogue of their outputs (gate-up's 2 x inter and down's hidden columns a
 * row, reduced in FP32 across the K slices: {@code _fused_marlin_moe} passes
 * {@code use_fp32_reduce=True}), which does not shrink with the tensor-parallel split of inter the way
 * the MMA does. Reading another shape's curve instead carries that shape's per-expert work (a
 * 896-expert top-16 table read for a 128-expert top-4 model keeps 896 experts' fixed cost) and its
 * block sizes.
 *
 * <p>The fit is weighted least squares on relative error with non-negative terms, over the curves'
 * readings at 1 to 16384 tokens (powers of two) of every Marlin shape without expert parallelism
 * measured with the query's routing, whatever its weight format (INT4 and MXFP4 run the same
 * {@code moe_wna16_marlin_gemm}). Another GPU keeps the fixed part and scales the stream by the HBM
 * bandwidth ratio and the MMA and its epilogue by the BF16 tensor-core ratio (the SM array's throughput,
 * as {@link SpecTransfer} scales a kernel's SM-bound rest).
 *
 * @param fixedMs       fixed part of a call
 * @param msPerBufferBlock time per block of the sorted-token buffer the grid walks
 * @param msPerByte     weight-stream time per byte of expert weights a block reads
 * @param msPerFlop     MMA time per FLOP of the padded rows
 * @param msPerOutputElement epilogue time per output element of the padded rows (both GEMMs)
 * @param medianError   median relative error of the fit on its own readings
 * @param points        readings fitted
 */
record MarlinMoe(double fixedMs, double msPerBufferBlock, double msPerByte, double msPerFlop,
                 double msPerOutputElement, double medianError, int points) {
    /** Token counts the measured curves are read at (the collectors measure 1 to 16384 and beyond). */
    static final long[] TOKENS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384};
    /** Gate and up (2 x inter) plus down (inter) projections, 2 FLOPs a multiply-add. */
    private static final double FLOPS_PER_ROW_PER_HIDDEN_INTER = 6.0;
    /** Gate, up and down weight matrices of one expert. */
    private static final int MATRICES = 3;

    /**
     * Fits the five terms on {@code model}'s Marlin shapes measured with {@code distribution} routing;
     * null when it has none.
     */
    static MarlinMoe fit(FamilyModel model, String distribution) {
        List<double[]> features = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        String marlin = MoeKernel.MARLIN.tableClass();
        for (String category : model.categories()) {
            String[] labels = KernelRow.splitCategory(category);
            if (labels.length < 2 || !labels[1].equals(distribution)) {
                continue;
            }
            double weightBytes = weightBytesPerElement(labels[0]);
            for (double[] shape : model.kernelClassShapes(category, marlin)) {
                if (shape[5] != 1) {
                    continue;
                }
                for (long tokens : TOKENS) {
                    KernelQuery q = KernelQuery.of(KernelFamily.MOE, category, shape, new double[]{tokens});
                    Prediction p = model.predict(q, category, marlin, model.reference(), true);
                    if (p != null) {
                        features.add(features(tokens, shape, weightBytes, distribution));
                        times.add(p.timeMs());
                    }
                }
            }
        }
        if (features.isEmpty()) {
            return null;
        }
        double[] c = NonNegativeFit.relative(features, times);
        double[] errors = new double[times.size()];
        for (int i = 0; i < errors.length; i++) {
            double[] f = features.get(i);
            double p = 0;
            for (int j = 0; j < f.length; j++) {
                p += c[j] * f[j];
            }
            errors[i] = Math.abs(p / times.get(i) - 1);
        }
        return new MarlinMoe(c[0], c[1], c[2], c[3], c[4], ErrorStats.percentile(errors, 0.5), errors.length);
    }

    /**
     * Bytes per weight of a Marlin category: {@code fused_marlin_moe} runs 4-bit (uint4, uint4b8,
     * float4_e2m1f) or 8-bit weights.
     */
    static double weightBytesPerElement(String dtypeLabel) {
        String l = dtypeLabel.toLowerCase(Locale.ROOT);
        return l.contains("int4") || l.contains("fp4") || l.contains("w4") ? 0.5 : 1.0;
    }

    /**
     * The five features of a call: 1, blocks of the sorted-token buffer, bytes the blocks stream, FLOPs
     * of the padded MMA rows, their output elements.
     *
     * @param shape hidden, inter, topk, experts, moe TP, moe EP
     */
    static double[] features(long tokens, double[] shape, double weightBytesPerElement, String distribution) {
        double hidden = shape[0];
        double inter = shape[1] / shape[4];
        MarlinBlocks b = MarlinBlocks.of(tokens, (int) shape[2], (int) shape[3], (int) shape[5], distribution);
        double expertBytes = MATRICES * hidden * inter * weightBytesPerElement;
        return new double[]{1.0, b.bufferBlocks(), b.blocks() * expertBytes,
                b.mmaRows() * FLOPS_PER_ROW_PER_HIDDEN_INTER * hidden * inter,
                b.mmaRows() * (2 * inter + hidden)};
    }

    /** {@link #mxfp4Padded}: Marlin's n must be a multiple of 256 (down's n is hidden). */
    static final int HIDDEN_ALIGNMENT = 256;
    /** {@link #mxfp4Padded}: and its k a multiple of 128 (down's k is the local intermediate). */
    static final int INTER_ALIGNMENT = 128;

    /**
     * The shape vLLM's MXFP4 method gives Marlin (vLLM {@code quantization/mxfp4.py},
     * {@code Mxfp4MoEMethod.create_weights}: "The moe marlin kernel requires that for each linear
     * n % 256 == 0 and k % 128 == 0", so the intermediate size per partition is rounded up to 128 and
     * the hidden size to 256, zero-padded): gpt-oss's 2880 runs as 3072 and, at TP 2, 1440 as 1536.
     *
     * @param shape hidden, inter, topk, experts, moe TP, moe EP
     */
    static double[] mxfp4Padded(double[] shape) {
        double[] out = shape.clone();
        out[0] = Math.ceil(shape[0] / HIDDEN_ALIGNMENT) * HIDDEN_ALIGNMENT;
        double local = Math.ceil(shape[1] / shape[4] / INTER_ALIGNMENT) * INTER_ALIGNMENT;
        out[1] = local * shape[4];
        return out;
    }

    /** A call's time on {@code target}; the fit was made on {@code reference}. */
    Prediction predict(KernelQuery q, double weightBytesPerElement, ReferenceSpec reference, ReferenceSpec target) {
        String distribution = KernelRow.splitCategory(q.category())[1];
        double[] f = features((long) Math.max(1, Math.round(q.grid()[0])), q.shape(), weightBytesPerElement,
                distribution);
        double stream = msPerByte * f[2] * reference.memoryBytesPerS() / target.memoryBytesPerS();
        double mma = (msPerFlop * f[3] + msPerOutputElement * f[4])
                * reference.peak(ComputeDtype.BF16) / target.peak(ComputeDtype.BF16);
        double fixed = fixedMs * f[0] + msPerBufferBlock * f[1];
        double time = fixed + stream + mma;
        Bound bound = fixed > stream && fixed > mma ? Bound.OVERHEAD : stream >= mma ? Bound.MEMORY : Bound.COMPUTE;
        double ideal = Math.max(f[2] / target.memoryBytesPerS(), f[3] / target.peak(ComputeDtype.BF16)) * 1000.0;
        return new Prediction(time, Provenance.TRANSFERRED, bound, ideal / time);
    }
}
