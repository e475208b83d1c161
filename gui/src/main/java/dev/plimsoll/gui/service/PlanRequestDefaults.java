package dev.plimsoll.gui.service;

import dev.plimsoll.perfmodel.estimate.EstimateRequest;

/** Values the GUI does not ask for, the same as the CLI's defaults. */
final class PlanRequestDefaults {
    /** {@code --memory-fraction} default: vLLM's gpu_memory_utilization default of 0.9. */
    static final double MEMORY_FRACTION = EstimateRequest.DEFAULT_MEMORY_FRACTION;

    private PlanRequestDefaults() {
    }
}
