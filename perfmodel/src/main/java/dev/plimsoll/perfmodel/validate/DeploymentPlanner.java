package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.SglangServerDefaults;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.serving.LaunchedMemory;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.sim.Deployment;
import dev.plimsoll.perfmodel.sim.KvTransferLink;
import dev.plimsoll.perfmodel.sim.RouterKind;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;
import dev.plimsoll.perfmodel.sim.SimulationConfig;
import dev.plimsoll.perfmodel.sim.SimulationOptions;
import dev.plimsoll.perfmodel.sim.SlaSpec;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import dev.plimsoll.perfmodel.workload.Workload;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the simulation of a measured deployment: its model, GPU, quantisation, engine, pools and
 * the closed-loop benchmark at its concurrency. Rows that cannot be built say why.
 */
public final class DeploymentPlanner {
    private final SpecRegistry registry;
    private final ModelResolver models;
    private final Replicas replicas;
    private final BenchmarkProtocol protocol;

    public DeploymentPlanner(SpecRegistry registry, ModelResolver models, Replicas replicas) {
        this(registry, models, replicas, BenchmarkProtocol.DEFAULT);
    }

    public DeploymentPlanner(SpecRegistry registry, ModelResolver models, Replicas replicas,
                             BenchmarkProtocol protocol) {
        this.registry = registry;
        this.models = models;
        this.replicas = replicas;
        this.protocol = protocol;
    }

    /** A buildable row: its simulation and the assumptions made. */
    public record Plan(SimulationConfig config, String assumption) {
    }

    /** The plan, or a reason the row is not covered. */
    public record Outcome(Plan plan, String uncoveredReason) {
        static Outcome of(Plan plan) {
            return new Outcome(plan, null);
        }

        static Outcome uncovered(String why) {
            return new Outcome(null, why);
        }
    }

    public Outcome plan(MeasuredDeployment recorded) {
        // an InferenceX multinode row recorded with a layout declaration its recipe never ran is launched as
        // the recipe ran it (InferenceXLayoutCorrections)
        MeasuredDeployment corrected = InferenceXLayoutCorrections.bundled().launched(recorded,
                protocol.clientOf(recorded));
        // an InferenceX multinode row without worker counts takes the pools its configuration runs at its
        // point, where that is one pair (InferenceXMultinodeSpaces); it stays scored apart as underspecified
        Optional<InferenceXMultinodeSpaces.Assumed> configured = InferenceXMultinodeSpaces.bundled()
                .of(corrected, protocol.clientOf(recorded));
        MeasuredDeployment row = configured.map(a -> corrected.withPools(a.pools().prefill(), a.pools().decode()))
                .orElse(corrected);
        if (row.concurrency() <= 0) {
            return Outcome.uncovered("no concurrency recorded: the closed-loop load is unknown");
        }
        Optional<ModelSpec> model = models.resolve(row.modelPath());
        if (model.isEmpty()) {
            return Outcome.uncovered(models.whyMissing(row.modelPath()));
        }
        String gpuId = row.system().toLowerCase(Locale.ROOT).replace('_', '-');
        Optional<GpuSpec> gpu = registry.findGpu(gpuId);
        if (gpu.isEmpty()) {
            return Outcome.uncovered("unknown system " + row.system());
        }
        BenchmarkClient client = protocol.clientOf(row);
        BackendProfile backend;
        try {
            backend = BenchmarkLaunch.kernels(BackendProfiles.get(row.backend()), row, client);
        } catch (UserInputException e) {
            return Outcome.uncovered(e.getMessage());
        }
        Optional<InferenceXScript> script = BenchmarkLaunch.script(row, client);
        QuantScheme labelled = QuantMapping.scheme(model.get(), row.gemmQuant(), row.moeQuant(),
                SchedulerProfile.of(backend.id()));
        QuantScheme quant = script.filter(InferenceXScript::kvFp8).isPresent()
                ? labelled.withKvCache(NumberFormat.FP8) : labelled;
        SchedulerProfile profile = SchedulerProfile.of(backend.id());
        Function<PoolLayout, Double> memoryFractionOf = pool -> script
                .map(InferenceXScript::memoryFraction).filter(f -> f > 0)
                .or(() -> InferenceXRecipes.of(row, pool, client, profile).map(InferenceXRecipes.Recipe::memFractionStatic))
                .orElse(defaultMemoryFraction(row, client, pool, gpu.get(), profile));
        double trtFree = trtFreeFraction(row, client, script);
        try {
            Deployment deployment;
            String assumption = "";
            if (row.disaggregated()) {
                // an InferenceX multinode row's pools run the engine flags of the srt-slurm recipe its
                // configuration names at its point and pools (SrtSlurmRecipes), where those are known
                InferenceXMultinodeSpaces.LaunchedRecipes recipes = InferenceXMultinodeSpaces.bundled()
                        .recipesOf(row, client, SrtSlurmRecipes.bundled());
                // each pool's engine sizes its own memory from its own layout, at the share its recipe gives the
                // engine (free_gpu_memory_fraction, mem-fraction-static), with its KV cache format and MoE kernel
                RecipePoolEngine p = recipes.prefillEngine();
                RecipePoolEngine d = recipes.decodeEngine();
                Replica prefill = build(model.get(), gpu.get(), row.prefill(), p.quant(quant), p.kernels(backend),
                        p.memoryOr(memoryFractionOf.apply(row.prefill())), p.memoryOr(trtFree));
                Replica decode = build(model.get(), gpu.get(), row.decode(), d.quant(quant), d.kernels(backend),
                        d.memoryOr(memoryFractionOf.apply(row.decode())), d.memoryOr(trtFree));
                int x = row.prefill().workers();
                int y = row.decode().workers();
                if (x == 0 || y == 0) {
                    assumption = "worker counts not recorded: one prefill and one decode worker assumed";
                } else if (configured.isPresent()) {
                    assumption = "worker counts not recorded: " + x + " prefill and " + y + " decode workers, "
                            + "as InferenceX's " + configured.get().config() + " runs them at this concurrency";
                }
                int pairGpus = row.prefill().gpus() + row.decode().gpus();
                KvTransferLink link = KvTransferLink.between(gpu.get(), Math.min(row.prefill().gpus(),
                        row.decode().gpus()), pairGpus <= gpu.get().scaleUpDomainGpus());
                // Dynamo's frontend routes in turn unless told otherwise (--router-mode, default round-robin:
                // Dynamo Router Guide), and neither campaign tells it: srt-slurm starts `python3 -m
                // dynamo.frontend --http-port` with the recipe's frontend args (none in InferenceX's recipes,
                // src/srtctl/frontends/dynamo.py), AIConfigurator's generator adds --router-mode kv only with
                // enable_router (default false, generator/config/deployment_config.yaml; run.sh.j2)
                deployment = new Deployment.Disaggregated(
                        recipes.prefill().map(r -> r.launchPrefill(prefill, row))
                                .orElseGet(() -> BenchmarkLaunch.prefill(prefill, row)).pool(Math.max(1, x)),
                        recipes.decode().map(r -> r.launchDecode(decode, row))
                                .orElseGet(() -> BenchmarkLaunch.decode(decode, row)).pool(Math.max(1, y)),
                        link, RouterKind.ROUND_ROBIN, RouterKind.ROUND_ROBIN);
            } else {
                SchedulerProfile engine = SchedulerProfile.of(backend.id());
                int node = gpu.get().scaleUpDomainGpus();
                PoolLayout layout = BenchmarkLaunch.aggregatedLayout(row, client, engine, node);
                Replica agg = build(model.get(), gpu.get(), layout, quant, backend, memoryFractionOf.apply(row.agg()),
                        trtFree);
                int workers = BenchmarkLaunch.aggregatedWorkers(row, client, engine, node);
                if (workers > 1) {
                    assumption = workers + " workers: concurrency / (batch size x attention DP)";
                }
                deployment = new Deployment.Aggregated(
                        BenchmarkLaunch.aggregated(agg, row, client).pool(workers),
                        RouterKind.ROUND_ROBIN);
            }
            Workload workload = protocol.workload(row);
            SimulationOptions options = SimulationOptions.DEFAULT.withTimeSeriesIntervalMs(0);
            return Outcome.of(new Plan(new SimulationConfig(deployment, workload, SlaSpec.NONE, options), assumption));
        } catch (UserInputException e) {
            return Outcome.uncovered(e.getMessage());
        }
    }

    /**
     * @param memoryFraction  the launch's memory share: SGLang's mem_fraction_static, the weights and the
     *                        KV pool only (LaunchedMemory), vLLM's gpu_memory_utilization
     * @param trtFreeFraction TensorRT-LLM's free_gpu_memory_fraction as launched: a share of the memory
     *                        the weights leave free (LaunchedMemory), used instead of memoryFraction there
     */
    private Replica build(ModelSpec model, GpuSpec gpu, PoolLayout pool, QuantScheme quant, BackendProfile backend,
                          double memoryFraction, double trtFreeFraction) {
        ReplicaSpec spec = new ReplicaSpec(model, gpu, pool.parallelism(), quant, backend, true, memoryFraction);
        SchedulerProfile engine = SchedulerProfile.of(backend.id());
        if (engine == SchedulerProfile.TRTLLM) {
            spec = spec.withMemoryFraction(LaunchedMemory.trtllmShare(spec, trtFreeFraction));
        } else if (engine == SchedulerProfile.SGLANG) {
            spec = spec.withMemoryFraction(LaunchedMemory.sglangShare(spec, memoryFraction));
        }
        return replicas.build(spec);
    }

    /**
     * TensorRT-LLM's free_gpu_memory_fraction as the row's launch set it: its InferenceX script's
     * (InferenceXScripts.trtFreeMemoryFraction); AIConfigurator's generator leaves it to its
     * extra_engine_args templates' {@code default(0.80)} (backend_templates/trtllm/extra_engine_args.*.yaml.j2;
     * no benchmark rule sets it); other InferenceX launches keep TensorRT-LLM's default.
     */
    private static double trtFreeFraction(MeasuredDeployment row, BenchmarkClient client,
                                          Optional<InferenceXScript> script) {
        if (script.isPresent()) {
            return InferenceXScripts.trtFreeMemoryFraction(script.get(), row);
        }
        return client == BenchmarkClient.AIPERF ? TrtllmKvMemory.AIC_GENERATOR_FREE_FRACTION
                : TrtllmKvMemory.DEFAULT_FREE_FRACTION;
    }

    /**
     * The memory an engine left to itself takes: SGLang's mem_fraction_static default for the GPU's
     * memory class, the pool's own GPUs and the row's release (SglangServerDefaults; each worker of a
     * disaggregated deployment is an engine of its own, launched with --tp over all its GPUs when its
     * attention is data parallel), the usual 0.9 otherwise (vLLM's --gpu-memory-utilization default;
     * TensorRT-LLM's free_gpu_memory_fraction 0.9 is a share of what the weights leave, which
     * {@link #build} turns into a share of the GPU, LaunchedMemory). AIConfigurator's generator captures
     * SGLang's graphs for every batch size up to the pool's batch ({@code cuda_graph_batch_sizes =
     * range(1, max_batch_size + 1)}, rule_plugin/benchmark/sglang.rule, passed as --cuda-graph-bs, whose
     * largest entry becomes cuda_graph_max_bs); other launches keep the release's default.
     */
    private static double defaultMemoryFraction(MeasuredDeployment row, BenchmarkClient client, PoolLayout pool,
                                                GpuSpec gpu, SchedulerProfile engine) {
        if (engine != SchedulerProfile.SGLANG) {
            return EstimateRequest.DEFAULT_MEMORY_FRACTION;
        }
        int graphs = client == BenchmarkClient.AIPERF ? Math.max(1, pool.batch()) : 0;
        return SglangServerDefaults.memFractionStatic(new SglangServerDefaults.MemoryLaunch(gpu.memoryBytes(),
                pool.tp() * pool.dp(), pool.pp(), pool.dp(), graphs, row.backendVersion()));
    }
}
