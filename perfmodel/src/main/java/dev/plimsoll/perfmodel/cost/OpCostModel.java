package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.ops.Op;

/**
 * Prices one call of an op on one GPU. The analytic {@link RooflineCostModel} prices everything;
 * a calibrated model answers from measured tables where they cover the shape and delegates the
 * rest, so a table can replace the analytic estimate op by op.
 */
public interface OpCostModel {
    OpCost cost(Op op);

    /** Where this model's prices come from, when the user should know (tables of another GPU); else empty. */
    default String provenanceNote() {
        return "";
    }
}
