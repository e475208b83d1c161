package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Kubernetes manifests for a proposal without Dynamo, in the proposal's engine: per pool an
 * apps/v1 Deployment of engine servers (one pod per worker; the GPU vendor's device-plugin
 * resource, {@code nvidia.com/gpu} or {@code amd.com/gpu}, and its image), or a LeaderWorkerSet
 * (leaderworkerset.x-k8s.io/v1) when a worker spans several servers: vLLM's leader starts Ray and
 * its workers join; SGLang's pods each run the server with their node rank (LWS_WORKER_INDEX) and
 * the leader's address (LWS_LEADER_ADDRESS). TensorRT-LLM servers read their LLM API options from a
 * ConfigMap in the same file; a TensorRT-LLM worker wider than one server is left to the Dynamo
 * graph, which launches its MPI ranks. A Service fronts the aggregated pool.
 */
public final class KubernetesManifests {
    /** Where a TensorRT-LLM server's ConfigMap is mounted. */
    static final String CONFIG_DIR = "/config";

    private KubernetesManifests() {
    }

    public static String yaml(Proposal p, ArtifactOptions o) {
        String engine = LaunchCommands.engine(p);
        List<String> docs = new ArrayList<>();
        StringBuilder comments = new StringBuilder(LaunchCommands.header(p, o, "# "));
        if (p.architecture() == Architecture.DISAGGREGATED) {
            comments.append("# the prefill and decode pools exchange KV over NIXL; route requests with a\n")
                    .append("# disaggregation-aware router (NVIDIA Dynamo: the dynamo graph of this plan, or llm-d)\n");
        }
        String configMap = o.name() + "-" + p.architecture().key() + "-trtllm";
        if (engine.equals("trtllm")) {
            Map<String, Object> files = new LinkedHashMap<>();
            for (PoolPlan pool : p.pools()) {
                files.put(pool.role() + ".yaml", TrtllmLaunch.optionsYaml(pool, p.architecture(), o, p.describe()));
            }
            docs.add(Yaml.write(Yaml.map("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Yaml.map("name", configMap), "data", files)));
        }
        for (PoolPlan pool : p.pools()) {
            String name = o.name() + "-" + (p.architecture() == Architecture.AGGREGATED ? "agg" : pool.role());
            int nodes = LaunchCommands.nodes(pool);
            if (nodes > 1 && engine.equals("trtllm")) {
                comments.append("# the ").append(pool.role()).append(" pool's workers span ").append(nodes)
                        .append(" servers: deploy them with the Dynamo graph, which launches their MPI ranks\n");
                continue;
            }
            docs.add(Yaml.write(nodes > 1 ? leaderWorkerSet(name, pool, nodes, engine, p.architecture(), o)
                    : deployment(name, pool, engine, p.architecture(), o, configMap)));
            if (p.architecture() == Architecture.AGGREGATED) {
                docs.add(Yaml.write(service(name)));
            }
        }
        return comments + String.join("---\n", docs);
    }

    private static Map<String, Object> deployment(String name, PoolPlan pool, String engine, Architecture arch,
                                                  ArtifactOptions o, String configMap) {
        Map<String, Object> labels = Yaml.map("app", name);
        String model = o.modelFor(pool);
        String image = EngineImages.server(engine, pool.engine().candidate().gpu());
        Map<String, Object> c;
        Map<String, Object> podSpec = new LinkedHashMap<>();
        switch (engine) {
            case "vllm":
                c = container("vllm", image, List.of("vllm", "serve"), prepend(model,
                        LaunchCommands.vllmArgs(pool, arch, o)), pool);
                break;
            case "sglang":
                c = container("sglang", image, List.of("python3", "-m", "sglang.launch_server"),
                        prepend("--model-path", prepend(model, LaunchCommands.sglangArgs(pool, arch, o))), pool);
                break;
            default:
                c = container("trtllm", image, List.of("trtllm-serve"), prepend(model,
                        TrtllmLaunch.serveArgs(pool, CONFIG_DIR + "/" + pool.role() + ".yaml", o)), pool);
                c.put("volumeMounts", List.of(Yaml.map("name", "trtllm-config", "mountPath", CONFIG_DIR,
                        "readOnly", true)));
                podSpec.put("volumes", List.of(Yaml.map("name", "trtllm-config", "configMap",
                        Yaml.map("name", configMap))));
        }
        podSpec.put("containers", List.of(c));
        return Yaml.map(
                "apiVersion", "apps/v1",
                "kind", "Deployment",
                "metadata", Yaml.map("name", name, "labels", labels),
                "spec", Yaml.map(
                        "replicas", pool.workers(),
                        "selector", Yaml.map("matchLabels", labels),
                        "template", Yaml.map(
                                "metadata", Yaml.map("labels", labels),
                                "spec", podSpec)));
    }

    private static Map<String, Object> leaderWorkerSet(String name, PoolPlan pool, int nodes, String engine,
                                                       Architecture arch, ArtifactOptions o) {
        String model = o.modelFor(pool);
        String image = EngineImages.server(engine, pool.engine().candidate().gpu());
        String leaderCommand;
        String workerCommand;
        if (engine.equals("vllm")) {
            leaderCommand = "ray start --head --port=6379 && vllm serve " + model + " "
                    + String.join(" ", quoted(LaunchCommands.vllmArgs(pool, arch, o)));
            workerCommand = "ray start --address=$(LWS_LEADER_ADDRESS):6379 --block";
        } else {
            List<String> args = new ArrayList<>(LaunchCommands.sglangArgs(pool, arch, o));
            args.addAll(List.of("--nnodes", String.valueOf(nodes), "--node-rank", "$(LWS_WORKER_INDEX)",
                    "--dist-init-addr", "$(LWS_LEADER_ADDRESS):5000"));
            leaderCommand = "python3 -m sglang.launch_server --model-path " + model + " "
                    + String.join(" ", quoted(args));
            workerCommand = leaderCommand;
        }
        Map<String, Object> labels = Yaml.map("app", name);
        return Yaml.map(
                "apiVersion", "leaderworkerset.x-k8s.io/v1",
                "kind", "LeaderWorkerSet",
                "metadata", Yaml.map("name", name, "labels", labels),
                "spec", Yaml.map(
                        "replicas", pool.workers(),
                        "leaderWorkerTemplate", Yaml.map(
                                "size", nodes,
                                "leaderTemplate", Yaml.map(
                                        "metadata", Yaml.map("labels", Yaml.map("app", name, "role", "leader")),
                                        "spec", Yaml.map("containers", List.of(container(engine + "-leader",
                                                image, List.of("/bin/sh", "-c"), List.of(leaderCommand), pool,
                                                nodes)))),
                                "workerTemplate", Yaml.map(
                                        "spec", Yaml.map("containers", List.of(container(engine + "-worker",
                                                image, List.of("/bin/sh", "-c"), List.of(workerCommand), pool,
                                                nodes)))))));
    }

    private static Map<String, Object> container(String name, String image, List<String> command, List<String> args,
                                                 PoolPlan pool) {
        return container(name, image, command, args, pool, 1);
    }

    /** One pod's container with its share of the worker's GPUs as the vendor's resource. */
    private static Map<String, Object> container(String name, String image, List<String> command, List<String> args,
                                                 PoolPlan pool, int pods) {
        int gpus = (pool.gpusPerWorker() + pods - 1) / pods;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("image", image);
        c.put("command", command);
        c.put("args", args);
        c.put("ports", List.of(Yaml.map("containerPort", LaunchCommands.PORT)));
        c.put("resources", Yaml.map("limits", Yaml.map(EngineImages.gpuResource(pool.engine().candidate().gpu()),
                gpus)));
        return c;
    }

    private static Map<String, Object> service(String name) {
        return Yaml.map(
                "apiVersion", "v1",
                "kind", "Service",
                "metadata", Yaml.map("name", name),
                "spec", Yaml.map(
                        "selector", Yaml.map("app", name),
                        "ports", List.of(Yaml.map("port", 80, "targetPort", LaunchCommands.PORT))));
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static List<String> quoted(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.startsWith("{") ? "'" + a + "'" : a);
        }
        return out;
    }
}
