/**
 * Strict confirmation: {@link dev.plimsoll.optimizer.confirm.ProposalSimulator} runs a proposal
 * through the serving simulator at its load; {@link dev.plimsoll.optimizer.confirm.Confirmer} keeps
 * it only when every bounded latency percentile meets the SLA, repairing or trimming it by one
 * worker at a time.
 */
package dev.plimsoll.optimizer.confirm;
