package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.specs.ComputeDtype;

/**
 * One operator of a step on one GPU, with the roofline quantities of a single call.
 *
 * @param name     stable name ({@code qkv_proj}, {@code attention}, {@code tp_allreduce}, ...)
 * @param kind     family
 * @param dtype    tensor-core type for compute-bound work
 * @param flops    floating-point operations of one call
 * @param bytes    memory traffic of one call (HBM reads + writes), or bytes on the wire for
 *                 communication
 * @param kernels  kernel launches one call takes
 * @param repeat   calls per step (for example the layers of a group)
 * @param shape    table key
 */
public record Op(String name, OpKind kind, ComputeDtype dtype, double flops, double bytes, int kernels,
                 int repeat, OpShape shape) {
}
