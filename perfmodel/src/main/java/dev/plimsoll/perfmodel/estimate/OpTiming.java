package dev.plimsoll.perfmodel.estimate;

import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.ops.Phase;

/**
 * One op's share of a step: all its calls together.
 *
 * @param name       op name
 * @param phase      step it belongs to
 * @param ms         time of all calls in the step
 * @param flops      operations of all calls
 * @param bytes      bytes moved by all calls
 * @param bound      what limits it
 * @param provenance where its time came from
 * @param calls      calls per step
 */
public record OpTiming(String name, Phase phase, double ms, double flops, double bytes, Bound bound,
                       Provenance provenance, int calls) {
}
