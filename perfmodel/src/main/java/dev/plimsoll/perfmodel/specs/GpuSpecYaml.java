package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;
import dev.plimsoll.perfmodel.specs.tree.TreeParser;

import java.util.EnumMap;
import java.util.Map;

/**
 * Reads a hardware spec YAML ({@code hardware-specs/<id>.yaml}) into a {@link GpuSpec}. Units are
 * in the key names and converted here: TFLOP/s, decimal GB (1e9 bytes), TB/s and GB/s per direction,
 * and the L2 in MiB (2^20 bytes, as CUDA's device properties report it).
 * Unknown keys, missing keys, wrong types and non-positive sizes are errors naming file, line and
 * column. See {@code hardware-specs/README.md} for the schema.
 */
public final class GpuSpecYaml {
    /** Key that marks a file as a GPU spec (used by {@link SpecRegistry} to sort user files). */
    public static final String MARKER_KEY = "peak_tflops";

    private static final double TERA = 1e12;
    private static final double GIGA = 1e9;
    private static final double MEBI = 1 << 20;

    private GpuSpecYaml() {
    }

    public static GpuSpec parse(String yaml, String file) {
        return read(TreeParser.parseYaml(yaml, file));
    }

    public static GpuSpec read(Node root) {
        MapReader r = MapReader.of(root, "");
        String id = SpecIds.require(r, "id");
        String name = r.string("name");
        String vendor = r.string("vendor");
        Map<ComputeDtype, Double> peaks = peaks(r.map(MARKER_KEY));
        long memoryBytes = Math.round(r.positiveDouble("memory_gb") * GIGA);
        double memoryBw = r.positiveDouble("memory_bandwidth_tbps") * TERA;
        double scaleUpBw = r.positiveDouble("scale_up_gbps_per_direction") * GIGA;
        int domain = r.positiveInt("scale_up_domain_gpus");
        double scaleOutBw = r.positiveDouble("scale_out_gbps_per_direction") * GIGA;
        int perNode = r.positiveInt("gpus_per_node");
        double upLatencyUs = r.nonNegativeDouble("scale_up_latency_us");
        double outLatencyUs = r.nonNegativeDouble("scale_out_latency_us");
        double price = r.nonNegativeDouble("price_per_gpu_hour_usd");
        L2Cache l2 = l2Cache(r);
        Efficiency eff = efficiency(r.map("efficiency"));
        String source = r.string("source", root.location().file());
        String capability = r.has("compute_capability") ? computeCapability(r) : "";
        r.rejectUnknownKeys();
        if (domain < perNode && domain != 1) {
            throw r.error("scale_up_domain_gpus", "(" + domain + ") must be at least gpus_per_node (" + perNode
                    + ") or 1");
        }
        return new GpuSpec(id, name, vendor, peaks, memoryBytes, memoryBw, scaleUpBw, domain, scaleOutBw, perNode,
                upLatencyUs, outLatencyUs, price, eff, source, l2, capability);
    }

    /** The optional {@code compute_capability}, "major.minor" as CUDA reports it (e.g. "9.0"). */
    private static String computeCapability(MapReader r) {
        String c = r.string("compute_capability").trim();
        if (!c.matches("\\d{1,2}\\.\\d")) {
            throw r.error("compute_capability", "must be major.minor, e.g. \"9.0\"");
        }
        return c;
    }

    /**
     * The optional {@code l2_cache_mib} and {@code l2_bandwidth_tbps}; a file without them
     * describes a GPU whose L2 the kernel transfer does not price ({@link L2Cache#UNKNOWN}). A bandwidth
     * without a capacity says nothing and is refused.
     */
    private static L2Cache l2Cache(MapReader r) {
        boolean capacity = r.has("l2_cache_mib");
        boolean bandwidth = r.has("l2_bandwidth_tbps");
        if (bandwidth && !capacity) {
            throw r.error("l2_bandwidth_tbps", "needs l2_cache_mib (the capacity it is read from)");
        }
        long bytes = capacity ? Math.round(r.positiveDouble("l2_cache_mib") * MEBI) : 0;
        double bw = bandwidth ? r.positiveDouble("l2_bandwidth_tbps") * TERA : 0;
        return new L2Cache(bytes, bw);
    }

    private static Map<ComputeDtype, Double> peaks(MapReader r) {
        Map<ComputeDtype, Double> peaks = new EnumMap<>(ComputeDtype.class);
        for (ComputeDtype d : ComputeDtype.values()) {
            if (d == ComputeDtype.BF16 || r.has(d.key())) {
                peaks.put(d, r.positiveDouble(d.key()) * TERA);
            }
        }
        r.rejectUnknownKeys();
        return peaks;
    }

    private static Efficiency efficiency(MapReader r) {
        Efficiency e = new Efficiency(r.fraction("gemm"), r.fraction("memory"), r.fraction("attention"),
                r.fraction("collective_bus"));
        r.rejectUnknownKeys();
        return e;
    }
}
