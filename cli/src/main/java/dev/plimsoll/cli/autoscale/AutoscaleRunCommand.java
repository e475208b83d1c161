package dev.plimsoll.cli.autoscale;

import dev.plimsoll.autoscaler.controller.ConfigFile;
import dev.plimsoll.autoscaler.controller.ControllerClient;
import dev.plimsoll.autoscaler.controller.Controller;
import dev.plimsoll.autoscaler.controller.ControllerMetrics;
import dev.plimsoll.autoscaler.controller.HealthServer;
import dev.plimsoll.autoscaler.controller.Leadership;
import dev.plimsoll.autoscaler.controller.ModelPolicyFactory;
import dev.plimsoll.autoscaler.controller.ResourceReconciler;
import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import dev.plimsoll.cli.ExitCodes;
import dev.plimsoll.cli.SpecOptions;
import dev.plimsoll.perfmodel.error.UserInputException;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/** {@code plimsoll autoscale run}: the live controller, in a cluster or beside one. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Runs the live autoscaler against a cluster: Prometheus metrics in, replica counts out.",
        description = {"Run the live autoscaler: every interval, read each ServingAutoscaler's",
                "metrics from Prometheus, size its pools with Plimsoll's model and policy,",
                "resize the targets, write the status and record an Event. The cluster is",
                "the kubeconfig's or, in a pod, the in-cluster config. Only the holder of",
                "the Lease acts. Serves /healthz, /readyz and /metrics until stopped."})
public final class AutoscaleRunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "A ServingAutoscaler resource (YAML, the CRD's schema) to run.")
    Path config;

    @Option(names = "--watch", description = "Watch the ServingAutoscaler resources on the cluster (informer).")
    boolean watch;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "Namespace to watch (default: the client's namespace).")
    String namespace;

    @Option(names = "--all-namespaces", description = "Watch every namespace.")
    boolean allNamespaces;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address of the health and metrics endpoints (default: ${DEFAULT-VALUE}).")
    String bind;

    // 9464: the OpenTelemetry Prometheus exporter's default port, free of the engines' 8000/8080
    @Option(names = "--port", paramLabel = "N", defaultValue = "9464",
            description = "Port of /healthz, /readyz and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--no-leader-election", description = "Act without holding the Lease (a single replica).")
    boolean noLeaderElection;

    @Option(names = "--lease-name", paramLabel = "NAME", defaultValue = "plimsoll-autoscaler",
            description = "Lease the replicas elect a leader on (default: ${DEFAULT-VALUE}).")
    String leaseName;

    @Option(names = "--lease-namespace", paramLabel = "NS",
            description = "Namespace of the Lease (default: the client's namespace).")
    String leaseNamespace;

    @Option(names = "--identity", paramLabel = "ID", description = "This replica's name in the Lease (default: host name).")
    String identity;

    @Mixin
    SpecOptions specs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (config == null && !watch) {
            throw new UserInputException("autoscale run needs --config FILE, --watch, or both");
        }
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port: expected 0..65535, got " + port);
        }
        ServingAutoscaler fromFile = config == null ? null : ConfigFile.read(config);
        ModelPolicyFactory policies = new ModelPolicyFactory(specs.registry());
        if (fromFile != null) {
            try {
                policies.apply(fromFile); // a model that is unknown or does not fit: exit 2 before starting
            } catch (UserInputException e) {
                throw new UserInputException(config + ": " + e.getMessage(), e);
            }
        }
        ControllerMetrics metrics = new ControllerMetrics();
        CountDownLatch stopped = new CountDownLatch(1);
        try (KubernetesClient client = ControllerClient.create()) {
            String clientNamespace = Objects.requireNonNullElse(client.getNamespace(), "default");
            Leadership lease = noLeaderElection ? null : new Leadership(client,
                    leaseNamespace != null ? leaseNamespace : clientNamespace, leaseName,
                    identity != null ? identity : InetAddress.getLocalHost().getHostName(), Leadership.LEASE,
                    Leadership.RENEW_DEADLINE, Leadership.RETRY);
            BooleanSupplier leader = lease == null ? () -> true : lease;
            Controller controller = new Controller(client, r -> {
                ConfigFile.validate(r, Controller.class.getSimpleName() + " " + r.getMetadata().getNamespace() + "/"
                        + r.getMetadata().getName());
                return new ResourceReconciler(client, r, policies.apply(r), ResourceReconciler.prometheus(r.getSpec()),
                        leader, metrics, Clock.systemUTC());
            }, 2);
            try (HealthServer http = new HealthServer(bind, port, metrics.registry(), controller::live,
                    controller::ready)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "plimsoll-stop"));
                if (fromFile != null) {
                    if (fromFile.getMetadata().getNamespace() == null) {
                        fromFile.getMetadata().setNamespace(clientNamespace);
                    }
                    controller.upsert(fromFile);
                }
                if (watch) {
                    controller.watch(allNamespaces ? null : namespace != null ? namespace : clientNamespace);
                }
                spec.commandLine().getOut().printf("plimsoll autoscaler running; health and metrics on http://%s:%d/%n",
                        bind, http.port());
                spec.commandLine().getOut().flush();
                stopped.await();
            } finally {
                controller.close();
                if (lease != null) {
                    lease.close();
                }
            }
        }
        return ExitCodes.OK;
    }
}
