package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.ops.ReleaseGraph;
import dev.plimsoll.perfmodel.specs.ClasspathSpecs;
import dev.plimsoll.perfmodel.specs.SpecFile;
import dev.plimsoll.perfmodel.specs.tree.EditDistance;
import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;
import dev.plimsoll.perfmodel.specs.tree.TreeParser;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The serving-engine profiles bundled as {@code backends/<id>.yaml} (vllm, sglang, trtllm), each
 * figure with its source in a comment there. Memory figures are in GiB in the YAML.
 */
public final class BackendProfiles {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private BackendProfiles() {
    }

    /** The profile of a bundled backend, case-insensitive. */
    public static BackendProfile get(String id) {
        BackendProfile p = Bundled.PROFILES.get(id.trim().toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new UserInputException("unknown backend '" + id + "'; valid: " + String.join(", ", ids())
                    + suggestion(id));
        }
        return p;
    }

    public static List<String> ids() {
        return List.copyOf(Bundled.PROFILES.keySet());
    }

    public static List<BackendProfile> all() {
        return List.copyOf(Bundled.PROFILES.values());
    }

    /** Parses one backend YAML; errors name the file, line and column. */
    public static BackendProfile parse(String yaml, String file) {
        MapReader r = MapReader.of(TreeParser.parseYaml(yaml, file), "");
        String id = r.string("id");
        BackendProfile p = new BackendProfile(id,
                r.nonNegativeDouble("kernel_overhead_us_graph"),
                r.nonNegativeDouble("gemm_overhead_us_graph"),
                r.nonNegativeDouble("kernel_overhead_us_eager"),
                r.nonNegativeDouble("step_overhead_ms_graph"),
                r.nonNegativeDouble("step_overhead_ms_eager"),
                r.nonNegativeInt("cuda_graph_max_batch"),
                r.positiveInt("max_num_seqs"),
                r.positiveInt("max_num_batched_tokens"),
                gibToBytes(r.nonNegativeDouble("other_reserved_gib")),
                gibToBytes(r.nonNegativeDouble("cuda_graph_pool_gib")),
                gibToBytes(r.nonNegativeDouble("comm_buffer_gib")),
                r.string("source", file), MoeKernel.ENGINE_DEFAULT, Fp8BlockMoeKernel.ENGINE_DEFAULT,
                Nvfp4MoeKernel.ANY, SglangAttentionBackend.ANY, ReleaseGraph.CURRENT, sizedByGpu(r, id));
        r.rejectUnknownKeys();
        return p;
    }

    /** {@code sized_by_gpu: [...]}: the limits engine {@code id} picks from the GPU; empty when absent. */
    private static Set<GpuSizedLimit> sizedByGpu(MapReader r, String id) {
        Set<GpuSizedLimit> sized = EnumSet.noneOf(GpuSizedLimit.class);
        String what = r.keyPath("sized_by_gpu") + " item";
        for (Node n : r.list("sized_by_gpu", List.of())) {
            GpuSizedLimit limit;
            try {
                limit = GpuSizedLimit.fromKey(MapReader.asString(n, what));
            } catch (IllegalArgumentException e) {
                throw MapReader.valueError(n, what, e.getMessage());
            }
            if (!EngineGpuDefaults.sizes(id, limit)) {
                throw MapReader.valueError(n, what, "names a limit " + id + " does not size by the GPU");
            }
            sized.add(limit);
        }
        return sized;
    }

    private static long gibToBytes(double gib) {
        return Math.round(gib * GIB);
    }

    private static String suggestion(String id) {
        String near = EditDistance.nearest(id.trim().toLowerCase(Locale.ROOT), ids(), 3);
        return near != null ? " (did you mean '" + near + "'?)" : "";
    }

    private static final class Bundled {
        static final Map<String, BackendProfile> PROFILES = load();

        private static Map<String, BackendProfile> load() {
            Map<String, BackendProfile> m = new TreeMap<>();
            for (SpecFile f : ClasspathSpecs.list("backends")) {
                BackendProfile p = parse(f.text(), f.name());
                if (!p.id().equals(f.stem())) {
                    throw new IllegalStateException(f.name() + ": id " + p.id() + " does not match the file name");
                }
                m.put(p.id(), p);
            }
            return Collections.unmodifiableMap(m);
        }
    }
}
