package dev.plimsoll.perfmodel.ops;

/** Roofline quantities of one kernel call: floating-point operations and HBM bytes. */
public record Work(double flops, double bytes) {
}
