/**
 * What {@code plimsoll plan} writes: JSON ({@link dev.plimsoll.optimizer.artifacts.PlanJson}), CSV,
 * the Pareto plot, an NVIDIA Dynamo DynamoGraphDeployment, Kubernetes Deployments or
 * LeaderWorkerSets, and vLLM / SGLang launch commands
 * ({@link dev.plimsoll.optimizer.artifacts.ArtifactWriter} writes them all to a directory).
 */
package dev.plimsoll.optimizer.artifacts;
