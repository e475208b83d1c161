package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.cost.Provenance;

/**
 * A calibrated kernel time.
 *
 * @param timeMs      one call
 * @param provenance  where it came from
 * @param bound       what limits it
 * @param utilisation roofline time at 100% of peak / predicted time
 */
public record Prediction(double timeMs, Provenance provenance, Bound bound, double utilisation) {
}
