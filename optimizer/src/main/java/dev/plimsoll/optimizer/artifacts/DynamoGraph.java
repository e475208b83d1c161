package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.Routing;
import dev.plimsoll.perfmodel.sim.RouterKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An NVIDIA Dynamo {@code DynamoGraphDeployment} (nvidia.com/v1alpha1) for a proposal: a Frontend
 * service and one worker service per pool ({@code componentType: worker}, with
 * {@code subComponentType: prefill | decode} when disaggregated), each with its replicas, GPUs per
 * pod, image and engine arguments; a worker wider than one server gets {@code multinode.nodeCount}.
 * vLLM and SGLang workers take the engine's own arguments; TensorRT-LLM workers read their LLM API
 * options from a ConfigMap written in the same file ({@code --extra-engine-args}, as Dynamo's
 * examples/backends/trtllm/deploy/agg-with-config.yaml mounts it). Dynamo's runtime images are
 * built for NVIDIA GPUs, so a deployment on AMD GPUs gets none.
 */
public final class DynamoGraph {
    /** Where a TensorRT-LLM worker's ConfigMap is mounted. */
    static final String TRTLLM_CONFIG_DIR = "/config";

    private DynamoGraph() {
    }

    /** The manifest, or null when Dynamo cannot serve the deployment (AMD GPUs). */
    public static String yaml(Proposal p, ArtifactOptions o) {
        for (PoolPlan pool : p.pools()) {
            if (EngineImages.amd(pool.engine().candidate().gpu())) {
                return null;
            }
        }
        String engine = LaunchCommands.engine(p);
        String image = EngineImages.dynamo(engine);
        String name = o.name() + "-" + p.architecture().key();
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("Frontend", Yaml.map(
                "dynamoNamespace", name,
                "componentType", "frontend",
                "replicas", 1,
                "extraPodSpec", Yaml.map("mainContainer", Yaml.map(
                        "image", image,
                        "command", List.of("python3", "-m", "dynamo.frontend"),
                        // the router the plan was confirmed behind
                        "args", frontendArgs(p.routing())))));
        for (PoolPlan pool : p.pools()) {
            services.put(serviceName(engine, pool, p.architecture()),
                    worker(pool, p.architecture(), engine, image, name, o));
        }
        Map<String, Object> doc = Yaml.map(
                "apiVersion", "nvidia.com/v1alpha1",
                "kind", "DynamoGraphDeployment",
                "metadata", Yaml.map("name", name),
                "spec", Yaml.map("services", services));
        StringBuilder sb = new StringBuilder(LaunchCommands.header(p, o, "# "));
        if (engine.equals("trtllm")) {
            Map<String, Object> files = new LinkedHashMap<>();
            for (PoolPlan pool : p.pools()) {
                files.put(pool.role() + ".yaml", TrtllmLaunch.optionsYaml(pool, p.architecture(), o, p.describe()));
            }
            sb.append(Yaml.write(Yaml.map(
                    "apiVersion", "v1",
                    "kind", "ConfigMap",
                    "metadata", Yaml.map("name", configMapName(name)),
                    "data", files))).append("---\n");
        }
        return sb.append(Yaml.write(doc)).toString();
    }

    /**
     * The Dynamo frontend's arguments for the plan's router: round robin is its default; the KV router
     * is --router-mode kv with its --kv-overlap-score-weight (Dynamo 0.8's frontend,
     * components/src/dynamo/frontend/main.py; --router-temperature stays at its default 0, the
     * deterministic choice the simulator models).
     */
    static List<String> frontendArgs(Routing routing) {
        if (routing.kvAware()) {
            return List.of("--http-port", "8000", "--router-mode", "kv", "--kv-overlap-score-weight",
                    routing.weightText());
        }
        return frontendArgs(routing.kind());
    }

    /**
     * The Dynamo frontend's arguments for a router: round robin is its default; the KV router is
     * --router-mode kv (DYN_ROUTER_MODE, Frontend Configuration Reference), least-loaded
     * --router-mode least-loaded (Dynamo 1.x).
     */
    static List<String> frontendArgs(RouterKind router) {
        switch (router) {
            case KV_AWARE:
                return List.of("--http-port", "8000", "--router-mode", "kv");
            case LEAST_LOADED:
                return List.of("--http-port", "8000", "--router-mode", "least-loaded");
            default:
                return List.of("--http-port", "8000");
        }
    }

    static String configMapName(String graph) {
        return graph + "-trtllm";
    }

    static String serviceName(String engine, PoolPlan pool, Architecture arch) {
        String stem = engine.equals("vllm") ? "Vllm" : engine.equals("sglang") ? "Sglang" : "TRTLLM";
        if (arch == Architecture.AGGREGATED) {
            return stem + "Worker";
        }
        return stem + (pool.role().equals(PoolPlan.PREFILL) ? "PrefillWorker" : "DecodeWorker");
    }

    private static Map<String, Object> worker(PoolPlan pool, Architecture arch, String engine, String image,
                                              String namespace, ArtifactOptions o) {
        int nodes = LaunchCommands.nodes(pool);
        int gpusPerPod = nodes > 1 ? (pool.gpusPerWorker() + nodes - 1) / nodes : pool.gpusPerWorker();
        String model = o.modelFor(pool);
        List<String> args = new ArrayList<>();
        List<String> command;
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("image", image);
        switch (engine) {
            case "vllm":
                command = List.of("python3", "-m", "dynamo.vllm");
                args.add("--model");
                args.add(model);
                args.addAll(withoutPort(LaunchCommands.vllmArgs(pool, Architecture.AGGREGATED, o)));
                if (arch == Architecture.DISAGGREGATED && pool.role().equals(PoolPlan.PREFILL)) {
                    args.add("--is-prefill-worker");
                }
                break;
            case "sglang":
                command = List.of("python3", "-m", "dynamo.sglang");
                args.add("--model-path");
                args.add(model);
                args.addAll(withoutHostPort(LaunchCommands.sglangArgs(pool, arch, o)));
                break;
            default:
                command = List.of("python3", "-m", "dynamo.trtllm");
                args.addAll(List.of("--model-path", model, "--served-model-name", model, "--extra-engine-args",
                        TRTLLM_CONFIG_DIR + "/" + pool.role() + ".yaml"));
                if (arch == Architecture.DISAGGREGATED) {
                    args.add("--disaggregation-mode");
                    args.add(pool.role());
                }
                container.put("volumeMounts", List.of(Yaml.map("name", "trtllm-config", "mountPath",
                        TRTLLM_CONFIG_DIR, "readOnly", true)));
        }
        container.put("command", command);
        container.put("args", args);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("dynamoNamespace", namespace);
        w.put("componentType", "worker");
        if (arch == Architecture.DISAGGREGATED) {
            w.put("subComponentType", pool.role());
        }
        w.put("replicas", pool.workers());
        if (nodes > 1) {
            w.put("multinode", Yaml.map("nodeCount", nodes));
        }
        w.put("resources", Yaml.map(
                "requests", Yaml.map("gpu", String.valueOf(gpusPerPod)),
                "limits", Yaml.map("gpu", String.valueOf(gpusPerPod))));
        Map<String, Object> pod = new LinkedHashMap<>();
        if (engine.equals("trtllm")) {
            pod.put("volumes", List.of(Yaml.map("name", "trtllm-config", "configMap",
                    Yaml.map("name", configMapName(namespace)))));
        }
        pod.put("mainContainer", container);
        w.put("extraPodSpec", pod);
        return w;
    }

    private static List<String> withoutPort(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--port")) {
                i++;
                continue;
            }
            out.add(args.get(i));
        }
        return out;
    }

    private static List<String> withoutHostPort(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--port") || args.get(i).equals("--host")) {
                i++;
                continue;
            }
            out.add(args.get(i));
        }
        return out;
    }
}
