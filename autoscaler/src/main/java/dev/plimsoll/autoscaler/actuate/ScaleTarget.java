package dev.plimsoll.autoscaler.actuate;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * The object that holds one pool's replica count.
 *
 * @param kind       Deployment, StatefulSet, LeaderWorkerSet, DynamoGraphDeploymentScalingAdapter or
 *                   DynamoGraphDeployment
 * @param apiVersion its API version (apps/v1, leaderworkerset.x-k8s.io/v1, nvidia.com/v1alpha1)
 * @param namespace  its namespace
 * @param name       its name
 * @param service    DynamoGraphDeployment only: the service under {@code spec.services} (the
 *                   prefill or decode worker); null otherwise
 */
public record ScaleTarget(String kind, String apiVersion, String namespace, String name, String service) {
    public ScaleTarget {
        if (kind == null || name == null || namespace == null) {
            throw new UserInputException("a scale target needs a kind, a namespace and a name");
        }
        if (kind.equals("DynamoGraphDeployment") && (service == null || service.isBlank())) {
            throw new UserInputException("a DynamoGraphDeployment target needs the service to scale"
                    + " (spec.services.<name>)");
        }
    }

    public static ScaleTarget deployment(String namespace, String name) {
        return new ScaleTarget("Deployment", "apps/v1", namespace, name, null);
    }

    public static ScaleTarget statefulSet(String namespace, String name) {
        return new ScaleTarget("StatefulSet", "apps/v1", namespace, name, null);
    }

    public static ScaleTarget dynamoService(String namespace, String name, String service) {
        return new ScaleTarget("DynamoGraphDeployment", "nvidia.com/v1alpha1", namespace, name, service);
    }
}
