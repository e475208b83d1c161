package dev.plimsoll.cli.simulate;

import dev.plimsoll.cli.LayoutOptions;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.sim.Deployment;
import dev.plimsoll.perfmodel.sim.RouterKind;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet: aggregated replicas behind a router, or prefill and decode pools (xPyD). In a
 * disaggregated fleet --tp/--pp/--ep/--dp give both pools' layout and --prefill-* / --decode-*
 * override one side.
 */
public final class DeploymentOptions {
    @Option(names = "--mode", paramLabel = "MODE", order = 10,
            description = "agg: every replica prefills and decodes; disagg: separate prefill and decode pools "
                    + "(default ${DEFAULT-VALUE}).")
    String mode = "agg";

    // --tp --pp --ep --dp: the layout every command that is given one reads alike
    @ArgGroup(validate = false, order = 11)
    LayoutOptions layout = new LayoutOptions();

    @Option(names = "--replicas", paramLabel = "N", order = 12,
            description = "agg: engine replicas behind the router (default 1).")
    Integer replicas;

    @Option(names = "--prefill-workers", paramLabel = "X", order = 13, description = "disagg: prefill replicas (default 1).")
    Integer prefillWorkers;

    @Option(names = "--decode-workers", paramLabel = "Y", order = 13, description = "disagg: decode replicas (default 1).")
    Integer decodeWorkers;

    @Option(names = "--prefill-tp", paramLabel = "N", order = 14, description = "disagg: prefill tensor parallel size (default --tp).")
    Integer prefillTp;

    @Option(names = "--prefill-pp", paramLabel = "N", order = 14, description = "disagg: prefill pipeline parallel size (default --pp).")
    Integer prefillPp;

    @Option(names = "--prefill-ep", paramLabel = "N", order = 14, description = "disagg: prefill expert parallel size (default --ep).")
    Integer prefillEp;

    @Option(names = "--prefill-dp", paramLabel = "N", order = 14, description = "disagg: prefill attention DP size (default --dp).")
    Integer prefillDp;

    @Option(names = "--prefill-gpu", paramLabel = "G", order = 14, description = "disagg: prefill GPU type (default --gpu).")
    String prefillGpu;

    @Option(names = "--decode-tp", paramLabel = "N", order = 15, description = "disagg: decode tensor parallel size (default --tp).")
    Integer decodeTp;

    @Option(names = "--decode-pp", paramLabel = "N", order = 15, description = "disagg: decode pipeline parallel size (default --pp).")
    Integer decodePp;

    @Option(names = "--decode-ep", paramLabel = "N", order = 15, description = "disagg: decode expert parallel size (default --ep).")
    Integer decodeEp;

    @Option(names = "--decode-dp", paramLabel = "N", order = 15, description = "disagg: decode attention DP size (default --dp).")
    Integer decodeDp;

    @Option(names = "--decode-gpu", paramLabel = "G", order = 15, description = "disagg: decode GPU type (default --gpu).")
    String decodeGpu;

    @Option(names = "--router", paramLabel = "R", order = 16,
            description = "round-robin, least-loaded or kv-aware (Dynamo's KV router cost); the aggregated pool, or "
                    + "both disaggregated pools (default ${DEFAULT-VALUE}).")
    String router = "round-robin";

    @Option(names = "--decode-router", paramLabel = "R", order = 17,
            description = "disagg: router of the decode pool (default --router).")
    String decodeRouter;

    @Option(names = "--kv-overlap-weight", paramLabel = "W", order = 17,
            description = "kv-aware: weight of the prompt blocks a worker must compute against the blocks it holds "
                    + "(Dynamo frontend --kv-overlap-score-weight; default ${DEFAULT-VALUE}).")
    double kvOverlapWeight = RouterKind.DEFAULT_KV_OVERLAP_WEIGHT;

    @Option(names = "--kv-link", paramLabel = "L", order = 18,
            description = "disagg: KV transfer path: nvlink, rdma, or auto (NVLink when both pools fit in one "
                    + "scale-up domain; default ${DEFAULT-VALUE}).")
    String kvLink = "auto";

    public boolean disaggregated() {
        return "disagg".equals(mode.toLowerCase(Locale.ROOT));
    }

    public void validate() {
        String m = mode.toLowerCase(Locale.ROOT);
        if (!m.equals("agg") && !m.equals("disagg")) {
            throw new UserInputException("--mode must be agg or disagg, got '" + mode + "'");
        }
        Checks.positive("--replicas", replicas);
        layout.parallelism();
        for (Object[] o : new Object[][] {{"--prefill-workers", prefillWorkers}, {"--decode-workers", decodeWorkers},
                {"--prefill-tp", prefillTp}, {"--prefill-pp", prefillPp}, {"--prefill-ep", prefillEp},
                {"--prefill-dp", prefillDp}, {"--decode-tp", decodeTp}, {"--decode-pp", decodePp},
                {"--decode-ep", decodeEp}, {"--decode-dp", decodeDp}}) {
            Checks.positive((String) o[0], (Integer) o[1]);
            Checks.onlyWith((String) o[0], o[1], disaggregated(), "to --mode disagg");
        }
        Checks.onlyWith("--prefill-gpu", prefillGpu, disaggregated(), "to --mode disagg");
        Checks.onlyWith("--decode-gpu", decodeGpu, disaggregated(), "to --mode disagg");
        Checks.onlyWith("--decode-router", decodeRouter, disaggregated(), "to --mode disagg");
        if (!"auto".equalsIgnoreCase(kvLink)) {
            Checks.onlyWith("--kv-link", kvLink, disaggregated(), "to --mode disagg");
        }
        if (!List.of("auto", "nvlink", "rdma").contains(kvLink.toLowerCase(Locale.ROOT))) {
            throw new UserInputException("--kv-link must be auto, nvlink or rdma, got '" + kvLink + "'");
        }
        Checks.onlyWith("--replicas", replicas, !disaggregated(),
                "to --mode agg; a disaggregated fleet takes --prefill-workers and --decode-workers");
        RouterKind.of(router);
        if (decodeRouter != null) {
            RouterKind.of(decodeRouter);
        }
        try {
            RouterKind.checkOverlapWeight(kvOverlapWeight);
        } catch (UserInputException e) {
            throw new UserInputException("--kv-overlap-weight: " + e.getMessage());
        }
        boolean kv = RouterKind.of(router) == RouterKind.KV_AWARE
                || (decodeRouter != null && RouterKind.of(decodeRouter) == RouterKind.KV_AWARE);
        if (kvOverlapWeight != RouterKind.DEFAULT_KV_OVERLAP_WEIGHT && !kv) {
            throw new UserInputException("--kv-overlap-weight applies to --router kv-aware only");
        }
    }

    /** Builds every pool's replica (validating layouts and memory) and the deployment. */
    public DeploymentPlan plan(SpecRegistry specs, ModelSpec model, GpuSpec gpu, EngineOptions engine,
                               Replicas builder) {
        Parallelism layout = this.layout.parallelism();
        RouterKind front = RouterKind.of(router);
        if (!disaggregated()) {
            PoolPlan pool = pool("aggregated", model, gpu, layout, replicas == null ? 1 : replicas, engine, builder);
            return new DeploymentPlan(new Deployment.Aggregated(pool.pool(), front, kvOverlapWeight), List.of(pool),
                    null);
        }
        GpuSpec pGpu = prefillGpu == null ? gpu : specs.gpu(prefillGpu);
        GpuSpec dGpu = decodeGpu == null ? gpu : specs.gpu(decodeGpu);
        Parallelism pLayout = new Parallelism(or(prefillTp, layout.tp()), or(prefillPp, layout.pp()),
                or(prefillEp, layout.ep()), or(prefillDp, layout.dp()));
        Parallelism dLayout = new Parallelism(or(decodeTp, layout.tp()), or(decodePp, layout.pp()),
                or(decodeEp, layout.ep()), or(decodeDp, layout.dp()));
        PoolPlan prefill = pool("prefill", model, pGpu, pLayout, or(prefillWorkers, 1), engine, builder);
        PoolPlan decode = pool("decode", model, dGpu, dLayout, or(decodeWorkers, 1), engine, builder);
        KvLinkPlan link = KvLinkPlan.choose(kvLink, prefill, decode);
        RouterKind back = decodeRouter == null ? front : RouterKind.of(decodeRouter);
        return new DeploymentPlan(new Deployment.Disaggregated(prefill.pool(), decode.pool(), link.link(), front, back,
                kvOverlapWeight),
                List.of(prefill, decode), link);
    }

    private static PoolPlan pool(String role, ModelSpec model, GpuSpec gpu, Parallelism layout, int workers,
                                 EngineOptions engine, Replicas builder) {
        Replica replica = builder.build(engine.replica(model, gpu, layout));
        return new PoolPlan(role, replica, engine.tune(replica.engine(), model), workers);
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    /** The options as given, for the JSON echo. */
    public Map<String, Object> echo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", disaggregated() ? "disagg" : "agg");
        Parallelism p = layout.parallelism();
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("tp", p.tp());
        echo.put("pp", p.pp());
        echo.put("ep", p.ep());
        echo.put("dp", p.dp());
        m.put("layout", echo);
        if (!disaggregated()) {
            m.put("replicas", replicas == null ? 1 : replicas);
        } else {
            m.put("prefill_workers", or(prefillWorkers, 1));
            m.put("decode_workers", or(decodeWorkers, 1));
        }
        m.put("router", RouterKind.of(router).key());
        m.put("kv_overlap_weight", kvOverlapWeight);
        if (disaggregated()) {
            m.put("decode_router", RouterKind.of(decodeRouter == null ? router : decodeRouter).key());
            m.put("kv_link", kvLink.toLowerCase(Locale.ROOT));
        }
        return m;
    }
}
