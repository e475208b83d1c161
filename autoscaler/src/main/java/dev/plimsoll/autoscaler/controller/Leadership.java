package dev.plimsoll.autoscaler.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Leader election on a coordination.k8s.io Lease through fabric8's {@code LeaderElector}: only the
 * replica holding the lease acts. Losing it (a missed renewal) turns {@link #getAsBoolean()} false
 * at once; the elector then tries to win it back.
 */
public final class Leadership implements BooleanSupplier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    /** client-go's defaults (leaderelection.LeaderElectionConfig as controller-runtime sets it): 15 s / 10 s / 2 s. */
    public static final Duration LEASE = Duration.ofSeconds(15);
    public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration RETRY = Duration.ofSeconds(2);

    private final AtomicBoolean leader = new AtomicBoolean();
    private final CompletableFuture<?> running;

    public Leadership(KubernetesClient client, String namespace, String leaseName, String identity, Duration lease,
                      Duration renewDeadline, Duration retry) {
        running = client.leaderElector().withConfig(new LeaderElectionConfigBuilder().withName(leaseName)
                .withLock(new LeaseLock(namespace, leaseName, identity)).withLeaseDuration(lease)
                .withRenewDeadline(renewDeadline).withRetryPeriod(retry).withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(() -> {
                    leader.set(true);
                    LOG.info("{} leads ({}/{})", identity, namespace, leaseName);
                }, () -> {
                    leader.set(false);
                    LOG.warn("{} lost the lease {}/{}; not acting", identity, namespace, leaseName);
                }, newLeader -> LOG.info("leader of {}/{}: {}", namespace, leaseName, newLeader)))
                .build()).build().start();
    }

    @Override
    public boolean getAsBoolean() {
        return leader.get();
    }

    @Override
    public void close() {
        leader.set(false);
        running.cancel(true);
    }
}
