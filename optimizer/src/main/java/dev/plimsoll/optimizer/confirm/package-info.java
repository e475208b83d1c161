/**
 * Confirmation with stated confidence: {@link dev.plimsoll.optimizer.confirm.ProposalSimulator} runs a
 * proposal through the serving simulator at its load, cut into batches;
 * {@link dev.plimsoll.optimizer.confirm.Replications} adds independent runs until
 * {@link dev.plimsoll.optimizer.confirm.ReplicatedOutcome} decides: every bounded percentile's
 * interval within its bound, or a miss. {@link dev.plimsoll.optimizer.confirm.Confirmer} keeps a
 * proposal only when it is met, repairing or trimming it by one worker at a time (docs/confirmation.md).
 */
package dev.plimsoll.optimizer.confirm;
