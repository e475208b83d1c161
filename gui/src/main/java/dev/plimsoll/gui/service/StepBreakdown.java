package dev.plimsoll.gui.service;

import dev.plimsoll.perfmodel.estimate.Estimate;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;

/**
 * The estimate of one engine replica: its prefill and decode steps op by op, its memory and KV capacity.
 *
 * @param title    what it is: pool, GPU, layout, batch
 * @param request  the question asked of the estimator
 * @param estimate its answer
 */
public record StepBreakdown(String title, EstimateRequest request, Estimate estimate) {
}
