package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs one {@link ResourceReconciler} per {@code ServingAutoscaler} on its interval (a
 * {@link ScheduledExecutorService}); resources come from a file ({@link #upsert}) or from a fabric8
 * informer on the cluster ({@link #watch}). A resource's spec change rebuilds its loop.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    /** The informer's full resync: a lost watch event is made good within this. */
    private static final long RESYNC_MS = 300_000;

    private final KubernetesClient client;
    private final Function<ServingAutoscaler, ResourceReconciler> reconcilers;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Scheduled> loops = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<ServingAutoscaler> informer;

    private record Scheduled(ResourceReconciler reconciler, ScheduledFuture<?> future, Long generation) {
    }

    public Controller(KubernetesClient client, Function<ServingAutoscaler, ResourceReconciler> reconcilers,
                      int threads) {
        this.client = client;
        this.reconcilers = reconcilers;
        this.scheduler = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "plimsoll-reconcile");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts (or, when its spec changed, restarts) the loop of {@code r}. */
    public void upsert(ServingAutoscaler r) {
        String key = key(r);
        Long generation = r.getMetadata().getGeneration();
        Scheduled old = loops.get(key);
        if (old != null && generation != null && Objects.equals(old.generation(), generation)) {
            return;
        }
        ResourceReconciler rec;
        try {
            rec = reconcilers.apply(r);
        } catch (RuntimeException e) {
            LOG.error("{}: not started: {}", key, e.getMessage());
            return;
        }
        remove(key);
        long intervalS = Math.max(1, r.getSpec().intervalSeconds);
        ScheduledFuture<?> f = scheduler.scheduleWithFixedDelay(rec::reconcileOnce, 0, intervalS, TimeUnit.SECONDS);
        loops.put(key, new Scheduled(rec, f, generation));
        LOG.info("{}: reconciling every {} s", key, intervalS);
    }

    public void remove(String key) {
        Scheduled s = loops.remove(key);
        if (s != null) {
            s.future().cancel(false);
            LOG.info("{}: stopped", key);
        }
    }

    /** Watches the resources of {@code namespace} (null: all namespaces) through a shared informer. */
    public void watch(String namespace) {
        var ops = client.resources(ServingAutoscaler.class);
        ResourceEventHandler<ServingAutoscaler> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(ServingAutoscaler r) {
                upsert(r);
            }

            @Override
            public void onUpdate(ServingAutoscaler before, ServingAutoscaler after) {
                upsert(after);
            }

            @Override
            public void onDelete(ServingAutoscaler r, boolean unknownFinalState) {
                remove(key(r));
            }
        };
        informer = namespace == null ? ops.inAnyNamespace().inform(handler, RESYNC_MS)
                : ops.inNamespace(namespace).inform(handler, RESYNC_MS);
    }

    /** Ready: the scheduler runs and, when watching, the informer has synced. */
    public boolean ready() {
        SharedIndexInformer<ServingAutoscaler> i = informer;
        return live() && (i == null || i.hasSynced());
    }

    public boolean live() {
        return !scheduler.isShutdown();
    }

    public int resources() {
        return loops.size();
    }

    static String key(ServingAutoscaler r) {
        return Objects.requireNonNullElse(r.getMetadata().getNamespace(), "default") + "/" + r.getMetadata().getName();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        loops.keySet().forEach(this::remove);
        scheduler.shutdownNow();
    }
}
