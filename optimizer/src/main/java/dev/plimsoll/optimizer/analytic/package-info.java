/**
 * The analytic model that prunes the search: steady-state operating points of an aggregated
 * engine ({@link dev.plimsoll.optimizer.analytic.AggregatedModel}), a decode worker
 * ({@link dev.plimsoll.optimizer.analytic.DecodeModel}) and a prefill worker
 * ({@link dev.plimsoll.optimizer.analytic.PrefillModel}) from step times, with queueing
 * ({@link dev.plimsoll.optimizer.analytic.QueueModel}) and speculative decoding
 * ({@link dev.plimsoll.optimizer.analytic.SpeculativeSteps}). Microseconds per point; the simulator
 * has the last word.
 */
package dev.plimsoll.optimizer.analytic;
