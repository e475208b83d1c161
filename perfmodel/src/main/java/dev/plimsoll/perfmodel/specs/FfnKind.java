package dev.plimsoll.perfmodel.specs;

/** Feed-forward block of one layer. */
public enum FfnKind {
    DENSE,
    MOE
}
