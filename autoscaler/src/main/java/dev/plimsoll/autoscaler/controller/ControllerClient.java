package dev.plimsoll.autoscaler.controller;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The controller's Kubernetes client: the kubeconfig's or the in-cluster configuration with two
 * changes. fabric8 retries a request that fails with 429, a 5xx or an I/O error up to ten times
 * with doubling waits on its own (its {@code requestRetryBackoffLimit}); inside the scaling loop's
 * own bounded retries ({@code reconcile/RetryPolicy}) that would multiply into dozens of requests
 * and minutes per pass, so the client does not retry and the loop is the one bound. A request
 * answers within {@value #REQUEST_TIMEOUT_MS} ms or counts as a failed, retryable attempt (an API
 * server answers a scale request in milliseconds; fabric8's default waits 10 s).
 */
public final class ControllerClient {
    public static final int REQUEST_TIMEOUT_MS = 3_000;

    private ControllerClient() {
    }

    /** {@code base} without client-side retries, with the given request timeout. */
    public static Config configure(Config base, int requestTimeoutMs) {
        return new ConfigBuilder(base).withRequestRetryBackoffLimit(0).withRequestTimeout(requestTimeoutMs).build();
    }

    /** The client {@code plimsoll autoscale run} uses: auto-configured, then {@link #configure}d. */
    public static KubernetesClient create() {
        return new KubernetesClientBuilder().withConfig(configure(Config.autoConfigure(null), REQUEST_TIMEOUT_MS))
                .build();
    }
}
