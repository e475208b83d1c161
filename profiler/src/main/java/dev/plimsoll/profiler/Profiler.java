package dev.plimsoll.profiler;

import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.profiler.bench.BandwidthBench;
import dev.plimsoll.profiler.bench.BenchSettings;
import dev.plimsoll.profiler.bench.DecodeAttentionBench;
import dev.plimsoll.profiler.bench.DeviceFill;
import dev.plimsoll.profiler.bench.ElementwiseBench;
import dev.plimsoll.profiler.bench.Fp8Recipe;
import dev.plimsoll.profiler.bench.GemmBench;
import dev.plimsoll.profiler.bench.Measurements;
import dev.plimsoll.profiler.bench.PrefillAttentionBench;
import dev.plimsoll.profiler.bench.TorchDecodeBench;
import dev.plimsoll.profiler.cuda.CudaContext;
import dev.plimsoll.profiler.cuda.CudaModule;
import dev.plimsoll.profiler.cuda.DeviceInfo;
import dev.plimsoll.profiler.cuda.KernelSources;
import dev.plimsoll.profiler.cuda.Nvcc;
import dev.plimsoll.profiler.output.GpuState;
import dev.plimsoll.profiler.output.MachineRecord;
import dev.plimsoll.profiler.output.NvidiaSmi;
import dev.plimsoll.profiler.output.ProfileWriter;
import dev.plimsoll.profiler.plan.DecodePoint;
import dev.plimsoll.profiler.plan.KernelPlan;
import dev.plimsoll.profiler.plan.PlanTimeEstimate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a kernel plan on one GPU: builds the kernels and the GEMM benchmark with the host's nvcc,
 * measures bandwidth, decode and prefill attention, GEMMs and element-wise kernels (in that order:
 * under a time limit the few attention points come before the many GEMMs), and writes the tables.
 * Decode attention runs on PyTorch's FlashAttention where torch is installed (bf16 KV caches) and on
 * our own paged tensor-core kernel otherwise (fp8 KV caches, hosts without torch); fp8 GEMMs run
 * once per engine recipe asked for. A benchmark that
 * cannot run (no cuBLASLt, no torch) or fails part-way is noted and the others still run; only a
 * missing driver or nvcc stops the profile.
 */
public final class Profiler {
    private final CudaContext cuda;
    private final ProfileOptions options;
    private final Consumer<String> report;

    public Profiler(CudaContext cuda, ProfileOptions options, Consumer<String> report) {
        this.cuda = cuda;
        this.options = options;
        this.report = report;
    }

    /** What a run produced. */
    public record Result(Measurements measurements, MachineRecord machine, List<Path> tables) {
    }

    public Result run(KernelPlan plan, GpuSpec gpu, Path outDir, String tool) throws IOException {
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        DeviceInfo info = cuda.info();
        NvidiaSmi smi = new NvidiaSmi(options.nvidiaSmi());
        List<GpuState> states = new ArrayList<>();
        smi.query(info.pciBusId(), "before").ifPresent(states::add);
        Nvcc nvcc = Nvcc.locate(options.nvcc(), System.getenv());
        Path sources = KernelSources.extract(options.workDir().resolve("kernels"));
        Path builds = options.workDir().resolve("build");
        report.accept("profile: building the kernels and the cuBLASLt benchmark with nvcc " + nvcc.version() + " for "
                + info.arch() + " (cached in " + builds + ")");
        Measurements m = new Measurements();
        CompletableFuture<Path> memoryCubin = build(() -> nvcc.cubin(sources.resolve(KernelSources.MEMORY), info.arch(),
                builds));
        CompletableFuture<Path> decodeCubin = build(() -> nvcc.cubin(sources.resolve(KernelSources.PAGED_DECODE),
                info.arch(), builds));
        CompletableFuture<Path> gemmProgram = build(() -> nvcc.program(sources.resolve(KernelSources.GEMM_BENCH),
                info.arch(), List.of("cublasLt"), builds));
        Optional<Path> memoryPath = built(memoryCubin, "memory kernels (bandwidth, element-wise)", m);
        Optional<Path> decodePath = built(decodeCubin, "paged decode attention kernels", m);
        Optional<Path> gemmPath = built(gemmProgram, "cuBLASLt GEMM benchmark", m);

        BenchSettings settings = BenchSettings.of(plan.depth(), info);
        List<Fp8Recipe> recipes = Fp8Recipe.forBackends(options.backends());
        PlanTimeEstimate estimate = new PlanTimeEstimate(gpu, plan.depth(), recipes.size());
        ProgressTracker progress = new ProgressTracker(plan.size(), estimate.measuring(plan), options.timeLimitS(),
                report, System::nanoTime);
        String cublas = null;
        Optional<String> torch = Optional.empty();
        CudaModule memory = memoryPath.map(cuda::load).orElse(null);
        DeviceFill fill = memory == null ? null : new DeviceFill(cuda, memory);
        if (memory != null) {
            guard("bandwidth", m, () -> BandwidthBench.run(cuda, memory, fill, plan.bandwidthBytes(), settings, m,
                    progress));
        } else {
            m.note("bandwidth and element-wise kernels not measured: their kernels did not build");
        }
        List<String> sdpa = options.python().map(py -> List.of(py, sources.resolve(KernelSources.SDPA_BENCH)
                .toString())).orElse(List.of());
        List<DecodePoint> decodes = sdpa.isEmpty() ? plan.decodes()
                : TorchDecodeBench.run(sdpa, plan.decodes(), settings, m, progress, estimate::decode);
        if (decodes.isEmpty()) {
            // all measured on tensor cores
        } else if (decodePath.isPresent() && fill != null) {
            CudaModule decode = cuda.load(decodePath.get());
            guard("decode attention", m, () -> new DecodeAttentionBench(cuda, decode, fill, settings, m)
                    .run(decodes, progress, estimate::decode));
        } else {
            m.note("decode attention not measured: its kernels did not build");
        }
        if (!sdpa.isEmpty()) {
            torch = PrefillAttentionBench.run(sdpa, plan.prefills(), settings, m, progress, estimate::prefill);
        } else if (!plan.prefills().isEmpty()) {
            m.note("prefill attention not measured (--python none)");
        }
        if (gemmPath.isPresent()) {
            cublas = GemmBench.run(GemmBench.command(gemmPath.get()), plan.gemms(), recipes, settings, m, progress,
                    estimate::gemm);
            smi.query(info.pciBusId(), "after GEMMs").ifPresent(states::add);
        } else {
            m.note("GEMMs not measured: the cuBLASLt benchmark did not build");
        }
        if (memory != null) {
            guard("element-wise kernels", m, () -> ElementwiseBench.run(cuda, memory, fill, plan.elementwise(),
                    settings, m, progress, estimate::elementwise));
        }
        double duration = progress.elapsedS();
        smi.query(info.pciBusId(), "after").ifPresent(states::add);
        if (states.isEmpty()) {
            m.note("clocks and temperature not recorded: " + options.nvidiaSmi() + " did not answer");
        }
        double copy = m.bandwidth().stream().filter(b -> b.kind().equals("copy"))
                .mapToDouble(Measurements.Bandwidth::bytesPerS).max().orElse(0);
        // plan points measured (an fp8 GEMM measured by several engine recipes is one point)
        int measured = (int) m.gemms().stream().map(Measurements.Gemm::point).distinct().count()
                + m.decodes().size() + m.prefills().size() + m.elementwise().size() + m.bandwidth().size();
        MachineRecord machine = new MachineRecord(tool, date, info.name(), gpu.id(),
                info.computeMajor() + "." + info.computeMinor(), info.multiprocessors(), info.memoryBytes(),
                info.l2Bytes(), info.pciBusId(), info.cudaDriverVersion(),
                states.isEmpty() ? null : states.get(0).driverVersion(), nvcc.version(),
                cublas == null || cublas.isEmpty() ? null : cublas, torch.filter(t -> !t.isEmpty()).orElse(null),
                m.decodes().stream().map(Measurements.Decode::source).distinct().sorted().toList(), plan.depth().name().toLowerCase(java.util.Locale.ROOT), plan.layouts(), plan.size(), measured,
                Math.round(duration * 10) / 10.0, !progress.stopped(), m.readBytesPerS(), copy, states,
                concat(plan.notes(), m.notes()));
        List<Path> tables = ProfileWriter.write(m, machine, options.backends(), outDir);
        return new Result(m, machine, tables);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static CompletableFuture<Path> build(Supplier<Path> task) {
        return CompletableFuture.supplyAsync(task);
    }

    private Optional<Path> built(CompletableFuture<Path> build, String what, Measurements m) {
        try {
            return Optional.of(build.join());
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            m.note(what + " did not build: " + cause.getMessage());
            report.accept("profile: " + what + " did not build: " + cause.getMessage());
            return Optional.empty();
        }
    }

    /** Runs one benchmark; a failure inside it is noted and the profile goes on with the next. */
    private void guard(String what, Measurements m, Runnable bench) {
        try {
            bench.run();
        } catch (RuntimeException e) {
            m.note(what + " stopped: " + e.getMessage());
            report.accept("profile: " + what + " stopped: " + e.getMessage());
        }
    }
}
