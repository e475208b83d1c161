/**
 * Worker counts for a target load: aggregated replicas
 * ({@link dev.plimsoll.optimizer.sizing.AggregatedSizing}) and prefill / decode pools matched by
 * queueing and KV transfer ({@link dev.plimsoll.optimizer.sizing.DisaggregatedSizing},
 * {@link dev.plimsoll.optimizer.sizing.TransferLinks}), over a pool's operating points by batch
 * ({@link dev.plimsoll.optimizer.sizing.BatchCurve}).
 */
package dev.plimsoll.optimizer.sizing;
