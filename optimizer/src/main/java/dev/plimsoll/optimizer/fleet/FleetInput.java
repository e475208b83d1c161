package dev.plimsoll.optimizer.fleet;

import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;
import dev.plimsoll.perfmodel.specs.tree.TreeParser;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code plimsoll fleet}'s YAML files; every error names the file, line and column.
 *
 * <pre>
 * # inventory                         # workloads
 * gpus:                               workloads:
 *   - type: h200-sxm                    - name: chat
 *     count: 32                           model: qwen3-32b
 *     price_per_gpu_hour: 3.5             quant: fp8          # optional
 *                                         isl: 4000           # or trace: FILE
 *                                         osl: 500
 *                                         prefix: 500         # optional
 *                                         prefix_hit_rate: 1  # optional
 *                                         rate: 20            # requests per second
 *                                         ttft_ms: 300
 *                                         itl_ms: 10
 *                                         percentile: 90      # optional
 * </pre>
 */
public final class FleetInput {
    private FleetInput() {
    }

    public static List<GpuStock> inventory(Path file, SpecRegistry registry) {
        MapReader root = MapReader.of(TreeParser.parseFile(file), "");
        List<GpuStock> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node n : root.list("gpus")) {
            MapReader r = MapReader.of(n, "gpus[]");
            GpuSpec gpu = registry.gpu(r.string("type"));
            if (!seen.add(gpu.id())) {
                throw r.error("type", "GPU type " + gpu.id() + " is listed twice");
            }
            int count = r.positiveInt("count");
            if (r.has("price_per_gpu_hour")) {
                gpu = gpu.withPrice(r.nonNegativeDouble("price_per_gpu_hour"));
            }
            r.rejectUnknownKeys();
            out.add(new GpuStock(gpu, count));
        }
        if (out.isEmpty()) {
            throw root.error("gpus", "the inventory lists no GPUs");
        }
        root.rejectUnknownKeys();
        return out;
    }

    public static List<FleetWorkload> workloads(Path file, SpecRegistry registry) {
        MapReader root = MapReader.of(TreeParser.parseFile(file), "");
        List<FleetWorkload> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node n : root.list("workloads")) {
            MapReader r = MapReader.of(n, "workloads[]");
            String name = r.string("name");
            if (!names.add(name)) {
                throw r.error("name", "workload " + name + " is listed twice");
            }
            ModelSpec model = registry.model(r.string("model"));
            List<QuantScheme> quants = new ArrayList<>();
            quants.add(r.has("quant") ? QuantPresets.get(r.string("quant")) : model.defaultQuant());
            int prefix = r.nonNegativeInt("prefix", 0);
            double hitRate = r.has("prefix_hit_rate") ? r.fraction("prefix_hit_rate") : 1.0;
            WorkloadSpec sizes;
            if (r.has("trace")) {
                Path trace;
                try {
                    trace = file.toAbsolutePath().getParent().resolve(r.string("trace"));
                } catch (InvalidPathException e) {
                    throw r.error("trace", "is not a file path: " + e.getReason());
                }
                sizes = WorkloadSpec.fromTrace(trace, prefix, hitRate);
            } else {
                sizes = WorkloadSpec.fixed(r.positiveInt("isl"), r.positiveInt("osl"), prefix, hitRate);
            }
            double e2e = r.has("e2e_ms") ? r.positiveDouble("e2e_ms") : Double.POSITIVE_INFINITY;
            SlaTarget sla = new SlaTarget(r.positiveDouble("ttft_ms"), r.positiveDouble("itl_ms"), e2e,
                    r.positiveInt("percentile", 90));
            var backend = BackendProfiles.get(r.string("backend", "vllm"));
            double rate = r.positiveDouble("rate");
            r.rejectUnknownKeys();
            out.add(new FleetWorkload(name, model, quants, backend, sizes, rate, sla));
        }
        if (out.isEmpty()) {
            throw root.error("workloads", "the file lists no workloads");
        }
        root.rejectUnknownKeys();
        return out;
    }
}
