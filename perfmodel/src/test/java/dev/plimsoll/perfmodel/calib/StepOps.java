package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;

import java.util.ArrayList;
import java.util.List;

/** Ops of a Llama-3.1-70B-like decode or prefill step at TP 4, shapes per GPU (test fixture). */
final class StepOps {
    private StepOps() {
    }

    static Op gemm(String name, long m, long n, long k, Precision p) {
        return new Op(name, OpKind.GEMM, p.compute(), 2.0 * m * n * k, 2.0 * (n * k + m * k + m * n), 1, 80,
                new OpShape.Gemm(m, n, k, p));
    }

    static Op attention(OpKind kind, int batch, int queries, long prefix) {
        return new Op("attention", kind, ComputeDtype.BF16, 4.0 * batch * 16 * 128 * (prefix + queries),
                batch * (prefix + queries) * 2.0 * 2 * 128 * 2, 1, 80,
                new OpShape.Attention(batch, queries, prefix, 16, 2, 128, AttentionWindow.FULL, NumberFormat.BF16));
    }

    static Op allReduce(long elements, int gpus) {
        return new Op("tp_allreduce", OpKind.ALL_REDUCE, ComputeDtype.BF16, 0, elements * 2.0, 0, 160,
                new OpShape.Collective(elements, 2, gpus, false));
    }

    static Op elementwise(String name, long elements) {
        return new Op(name, OpKind.ELEMENTWISE, ComputeDtype.BF16, 0, elements * 4.0, 1, 80,
                new OpShape.Elementwise(elements));
    }

    /** One decode step of {@code batch} requests at {@code context} cached tokens. */
    static List<Op> decode(int batch, long context) {
        return layer(batch, OpKind.ATTENTION_DECODE, 1, context);
    }

    /** One prefill step of {@code batch} requests of {@code tokens} new tokens. */
    static List<Op> prefill(int batch, int tokens) {
        return layer(batch, OpKind.ATTENTION_PREFILL, tokens, 0);
    }

    private static List<Op> layer(int batch, OpKind attention, int queries, long prefix) {
        long m = (long) batch * queries;
        Precision p = Precision.BF16;
        List<Op> ops = new ArrayList<>();
        ops.add(elementwise("input_norm", m * 8192));
        ops.add(gemm("qkv_proj", m, 2560, 8192, p));
        ops.add(elementwise("rotary", m * 2560));
        ops.add(attention(attention, batch, queries, prefix));
        ops.add(gemm("o_proj", m, 8192, 2048, p));
        ops.add(allReduce(m * 8192, 4));
        ops.add(elementwise("post_norm", m * 8192));
        ops.add(gemm("gate_up_proj", m, 14336, 8192, p));
        ops.add(elementwise("silu_mul", m * 7168));
        ops.add(gemm("down_proj", m, 8192, 7168, p));
        ops.add(allReduce(m * 8192, 4));
        ops.add(gemm("lm_head", batch, 32064, 8192, p));
        return ops;
    }
}
