package dev.plimsoll.cli;

import dev.plimsoll.cli.output.Json;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.profiler.GpuMatcher;
import dev.plimsoll.profiler.ProfileOptions;
import dev.plimsoll.profiler.Profiler;
import dev.plimsoll.profiler.bundle.PortableBundle;
import dev.plimsoll.profiler.cuda.CudaContext;
import dev.plimsoll.profiler.plan.KernelPlan;
import dev.plimsoll.profiler.plan.PlanBuilder;
import dev.plimsoll.profiler.plan.PlanRequest;
import dev.plimsoll.profiler.plan.PlanSummary;
import dev.plimsoll.profiler.plan.ProfileDepth;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code plimsoll profile}: measures kernels on this machine's GPU and writes calibration tables. */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {ProfileCompareCommand.class},
        description = {
                "Measures the named models' kernels on this GPU, as tables for calibrate.",
                "The tables, for 'plimsoll calibrate': GEMMs through cuBLASLt (bf16; fp8",
                "with each --backend engine's activation quantisation; fp8_block), decode",
                "and prefill attention on PyTorch's FlashAttention where python3 has torch",
                "(decode otherwise, and for fp8 KV caches, on Plimsoll's paged tensor-core",
                "kernel), HBM bandwidth, RMSNorm and SiLU. The kernels are built with the",
                "host's nvcc. Each point: random data, buffers rotated past L2, launches",
                "replayed as a CUDA graph, median of repeats; clocks and temperature are",
                "read, never changed.",
                "",
                "  plimsoll profile --model llama-3.1-8b,qwen3-32b --tp 1,2 --out tables",
                "  plimsoll calibrate --tables tables --gpu h200-sxm --backend vllm --out B",
                "  plimsoll profile --dry-run --model qwen3-32b --gpu h200-sxm",
                "      (the plan and its estimated time, no GPU needed)",
                "  plimsoll profile --bundle DIR",
                "      (jar, Java runtime, kernel sources and run.sh for a GPU host)",
                "",
                "Without a CUDA driver or device it says so in one line, exit code 2."})
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", split = ",", paramLabel = "M",
            description = "Models to plan for: ids ('plimsoll specs list') or config.json paths, comma-separated.")
    List<String> models = new ArrayList<>();

    @Option(names = "--tp", split = ",", defaultValue = "1", paramLabel = "N",
            description = "Tensor-parallel sizes whose per-GPU shapes to measure (default ${DEFAULT-VALUE}).")
    List<Integer> tp;

    @Option(names = "--gpu", paramLabel = "G",
            description = "GPU spec id (default: found from the device name; needed with --dry-run).")
    String gpu;

    @Option(names = "--quant", paramLabel = "Q[,Q2...]",
            description = "Weight quantisation, or a comma-separated list to plan each of (e.g. fp8,fp8-block) "
                    + "(default: each checkpoint's own).")
    String quant;

    @Option(names = "--kv-dtype", paramLabel = "D", description = "KV-cache dtype: bf16 or fp8, or a comma-separated list such as bf16,fp8 "
            + "(default: the checkpoint's).")
    String kvDtype;

    @ArgGroup(exclusive = true)
    Depth depth = new Depth();

    static final class Depth {
        @Option(names = "--quick", description = "Quick grid, minutes (default).")
        boolean quick;

        @Option(names = "--full", description = "Full grid: finer token counts, bf16 and fp8 for every shape, both "
                + "KV-cache types; about four times longer.")
        boolean full;

        ProfileDepth value() {
            return full ? ProfileDepth.FULL : ProfileDepth.QUICK;
        }
    }

    @Option(names = "--extra-gemm", split = ",", paramLabel = "NxK",
            description = "More weight shapes to measure, n x k each (e.g. 4096x4096).")
    List<String> extraGemm = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the tables (required unless --dry-run).")
    Path out;

    @Option(names = "--backend", split = ",", defaultValue = "vllm", paramLabel = "B",
            description = "Engine names the tables are written under (gemm_<B>.csv.gz ...), for 'calibrate --backend "
                    + "B'; fp8 GEMMs are measured once per engine, by its own recipe (vllm, sglang, trtllm; others "
                    + "vLLM's) (default ${DEFAULT-VALUE}).")
    List<String> backends;

    @Option(names = "--dry-run", description = "Print the plan and its estimated time; touch no GPU.")
    boolean dryRun;

    @Option(names = "--device", defaultValue = "0", paramLabel = "N", description = "CUDA device (default ${DEFAULT-VALUE}).")
    int device;

    @Option(names = "--time-limit", defaultValue = "0", paramLabel = "S",
            description = "Stop measuring after S seconds and write what was measured (default: no limit).")
    double timeLimitS;

    @Option(names = "--nvcc", paramLabel = "PATH", description = "nvcc to build with (default: $CUDA_HOME, /usr/local/cuda, PATH).")
    Path nvcc;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "PATH",
            description = "Python with a CUDA build of torch for prefill and decode attention, or 'none' (default "
                    + "${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--nvidia-smi", defaultValue = "nvidia-smi", paramLabel = "PATH", hidden = true)
    String nvidiaSmi;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Kernel sources and cached builds (default ~/.cache/plimsoll/profile).")
    Path workDir;

    @Option(names = "--bundle", paramLabel = "DIR",
            description = "Write a self-contained folder to copy to a GPU host (profile jar, Java runtime, kernel "
                    + "sources, run.sh) and stop.")
    Path bundle;

    @Option(names = "--runtime", paramLabel = "DIR|TGZ",
            description = "With --bundle: ship this Java runtime (a folder or .tgz) instead of a jlink of this JDK.")
    Path runtime;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT",
            description = "table or json (the --dry-run plan) (default ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Mixin
    SpecOptions specs;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        if (bundle != null) {
            List<Path> written = PortableBundle.write(bundle, classPath(), Optional.ofNullable(runtime),
                    Path.of(System.getProperty("java.home")));
            pw.println("wrote " + bundle + ": " + written.stream().map(p -> p.getFileName().toString())
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            pw.println("copy it to the GPU host and run: ./run.sh --model M --quick --out tables");
            pw.flush();
            return ExitCodes.OK;
        }
        if (models.isEmpty()) {
            throw new UserInputException("--model is required (or --bundle DIR)");
        }
        backends.forEach(BackendProfiles::get);
        List<ModelSpec> modelSpecs = models.stream().map(m -> specs.registry().model(m)).toList();
        if (dryRun) {
            if (gpu == null) {
                throw new UserInputException("--dry-run needs --gpu (no device is opened to find it)");
            }
            GpuSpec g = specs.registry().gpu(gpu);
            KernelPlan plan = PlanBuilder.build(request(modelSpecs, g));
            pw.print(output == OutputFormat.JSON ? Json.write(PlanSummary.json(plan, g)) + "\n"
                    : PlanSummary.text(plan, g));
            pw.flush();
            return ExitCodes.OK;
        }
        if (out == null) {
            throw new UserInputException("--out DIR is required (where the tables go)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + " exists and is not a directory");
        }
        if (gpu != null) {
            specs.registry().gpu(gpu);
        }
        try (CudaContext cuda = CudaContext.open(device)) {
            String name = cuda.info().name();
            GpuSpec g = gpu != null ? specs.registry().gpu(gpu)
                    : GpuMatcher.match(name, specs.registry().gpus()).orElseThrow(() -> new UserInputException(
                    "device '" + name + "' matches no GPU spec: pass --gpu ID ('plimsoll specs list') or add a spec "
                            + "with --specs-dir"));
            KernelPlan plan = PlanBuilder.build(request(modelSpecs, g));
            PrintWriter err = spec.commandLine().getErr();
            err.print(PlanSummary.text(plan, g));
            err.flush();
            ProfileOptions opts = new ProfileOptions(device, Optional.ofNullable(nvcc),
                    python.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(python), workDir(), timeLimitS,
                    nvidiaSmi, backends);
            Profiler.Result r = new Profiler(cuda, opts, line -> {
                err.println(line);
                err.flush();
            }).run(plan, g, out, "plimsoll profile " + version());
            pw.print(ProfileReport.text(r, out, backends));
            pw.flush();
            return ExitCodes.OK;
        }
    }

    private PlanRequest request(List<ModelSpec> modelSpecs, GpuSpec g) {
        return new PlanRequest(modelSpecs, g, tp, Optional.ofNullable(quant), Optional.ofNullable(kvDtype),
                depth.value(), extraWeights());
    }

    private List<long[]> extraWeights() {
        List<long[]> out = new ArrayList<>();
        for (String s : extraGemm) {
            String[] p = s.toLowerCase(Locale.ROOT).split("x");
            try {
                if (p.length != 2) {
                    throw new NumberFormatException();
                }
                out.add(new long[]{Long.parseLong(p[0].strip()), Long.parseLong(p[1].strip())});
            } catch (NumberFormatException e) {
                throw new UserInputException("--extra-gemm '" + s + "': expected NxK, e.g. 4096x14336");
            }
        }
        return out;
    }

    private Path workDir() {
        return workDir != null ? workDir
                : Path.of(System.getProperty("user.home"), ".cache", "plimsoll", "profile");
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static List<Path> classPath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                out.add(Path.of(e));
            }
        }
        return out;
    }
}
