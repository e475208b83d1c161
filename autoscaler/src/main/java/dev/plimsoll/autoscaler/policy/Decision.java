package dev.plimsoll.autoscaler.policy;

import java.util.Arrays;

/**
 * What a policy wants after an observation: replicas per pool (in the model's pool order) and
 * why. {@code desired} equal to the current counts means "hold".
 *
 * @param desired          replicas per pool
 * @param reason           one line for the status, the Event and the replay's CSV
 * @param predictedRatePerS the load the sizing used (forecast or observed), NaN when none
 */
public record Decision(int[] desired, String reason, double predictedRatePerS) {
    public Decision {
        desired = desired.clone();
    }

    @Override
    public int[] desired() {
        return desired.clone();
    }

    public int desired(int pool) {
        return desired[pool];
    }

    public boolean changes(int[] current) {
        return !Arrays.equals(desired, current);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision d && Arrays.equals(desired, d.desired) && reason.equals(d.reason)
                && Double.compare(predictedRatePerS, d.predictedRatePerS) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(desired) * 31 + reason.hashCode();
    }

    @Override
    public String toString() {
        return "Decision" + Arrays.toString(desired) + " (" + reason + ")";
    }
}
