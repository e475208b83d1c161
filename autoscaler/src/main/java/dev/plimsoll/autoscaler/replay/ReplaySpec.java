package dev.plimsoll.autoscaler.replay;

import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * One replay question.
 *
 * @param plan             the deployment question (model, GPUs, engines, request sizes, SLA, mode,
 *                         layout restrictions); its load is replaced by the trace's peak
 * @param startupMs        time from a scale-up to the new worker serving (model load)
 * @param intervalMs       the control interval: the policies' fast loop and the exporter's rate window
 * @param peakWindowMs     window over which the trace's peak rate is taken for the plan
 * @param gpuBudget        most GPUs the policies may hold; {@link Integer#MAX_VALUE} for none
 * @param forecaster       Plimsoll's forecaster: last, holt, holt-winters[:SEASON], kalman
 * @param hpaTargetWaiting the HPA's waiting-requests-per-pod target
 * @param kedaWaiting      KEDA's waiting-requests threshold
 * @param kedaKvUsage      KEDA's KV-usage threshold
 */
public record ReplaySpec(PlanRequest plan, double startupMs, double intervalMs, double peakWindowMs, int gpuBudget,
                         String forecaster, double hpaTargetWaiting, double kedaWaiting, double kedaKvUsage) {
    /**
     * Threshold defaults for the HPA and KEDA baselines: five queued requests per replica, 80 % KV
     * usage, values of the public vLLM autoscaling examples (vLLM production-stack KEDA tutorial,
     * queue-length trigger). They are the baselines' knobs, not Plimsoll's.
     */
    public static final double DEFAULT_WAITING_TARGET = 5.0;
    public static final double DEFAULT_KV_USAGE_TARGET = 0.8;
    /** The plan's peak: the busiest minute of the replayed trace. */
    public static final double DEFAULT_PEAK_WINDOW_MS = 60_000;

    public ReplaySpec {
        if (!(startupMs >= 0) || Double.isInfinite(startupMs)) {
            throw new UserInputException("--startup-s must be >= 0, got " + startupMs / 1000);
        }
        if (!(intervalMs >= 1000) || Double.isInfinite(intervalMs)) {
            throw new UserInputException("--interval-s must be >= 1, got " + intervalMs / 1000);
        }
        if (gpuBudget < 1) {
            throw new UserInputException("--gpu-budget must be >= 1, got " + gpuBudget);
        }
    }
}
