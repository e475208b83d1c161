package dev.plimsoll.autoscaler.reconcile;

/**
 * Resizes one worker group: the Kubernetes scale subresource of a Deployment, StatefulSet,
 * LeaderWorkerSet or DynamoGraphDeploymentScalingAdapter, a patch of a DynamoGraphDeployment's
 * {@code spec.services.<name>.replicas}, or nothing at all ({@link DryRunActuator}).
 */
public interface Actuator {
    /** Asks for {@code replicas} workers in {@code pool}; throws when the request did not go through. */
    void scale(String pool, int replicas) throws ActuationException;
}
