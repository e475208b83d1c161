package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.plan.GemmDtypes;
import dev.plimsoll.profiler.plan.GemmPoint;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * GEMMs through our cuBLASLt benchmark (gemm_bench.cu, built on the host), one request per point,
 * and for an fp8 point one per engine recipe asked for ({@link Fp8Recipe}). A GEMM type the library
 * refuses on this GPU (fp8_block before cuBLASLt 12.9, fp8 before Ada) is given up after
 * {@value #FAILURES_BEFORE_GIVING_UP} refusals with none measured, and noted.
 */
public final class GemmBench {
    static final int FAILURES_BEFORE_GIVING_UP = 3;
    /** The largest GEMM of a full plan (m 16384 on a 65536 x 16384 weight) takes well under a minute. */
    static final long REQUEST_TIMEOUT_S = 300;

    private GemmBench() {
    }

    /**
     * Measures {@code points} with the benchmark at {@code program}.
     *
     * @return the benchmark's "version" answer (cuBLASLt and CUDA runtime versions), or "" if it never answered
     */
    public static String run(List<String> program, List<GemmPoint> points, List<Fp8Recipe> recipes, BenchSettings s,
                             Measurements out, PointListener listener, ToDoubleFunction<GemmPoint> estimate) {
        String version = "";
        int done = 0;
        try (LineProcess p = LineProcess.start("gemm_bench", program)) {
            String v = p.request("version", 60);
            version = v.startsWith("ok ") ? v.substring(3).strip() : v;
            Map<String, Integer> failures = new HashMap<>();
            Set<String> measured = new HashSet<>();
            Set<String> givenUp = new HashSet<>();
            for (GemmPoint g : points) {
                if (listener.stopRequested()) {
                    break;
                }
                done++;
                String label = "gemm " + g.dtype() + " m=" + g.m() + " n=" + g.n() + " k=" + g.k();
                for (Fp8Recipe recipe : recipesOf(g, recipes)) {
                    String type = recipe == null ? GemmDtypes.benchName(g.dtype()) : recipe.benchName();
                    if (givenUp.contains(type)) {
                        continue;
                    }
                    String req = "gemm " + type + " " + g.m() + " " + g.n() + " " + g.k() + " " + s.warmup() + " "
                            + s.repeats() + " " + s.rotateBytes();
                    ProtocolAnswer a = ProtocolAnswer.parse(p.request(req, REQUEST_TIMEOUT_S), req);
                    if (a.ok()) {
                        out.add(new Measurements.Gemm(g, a.timing(), recipe));
                        measured.add(type);
                    } else {
                        int f = failures.merge(type, 1, Integer::sum);
                        if (f >= FAILURES_BEFORE_GIVING_UP && !measured.contains(type)) {
                            givenUp.add(type);
                            out.note(type + " GEMMs not measured: cuBLASLt refused them on this GPU (" + a.error()
                                    + ")");
                        } else {
                            out.note(label + " (" + type + ") not measured: " + a.error());
                        }
                    }
                }
                listener.done(label, estimate.applyAsDouble(g));
            }
        } catch (LineProcess.HelperFailure e) {
            out.note("GEMM benchmark stopped after " + done + " of " + points.size() + " points: " + e.getMessage());
        }
        return version;
    }

    /** The requests of one point: one per recipe for fp8, a single one (null recipe) otherwise. */
    static List<Fp8Recipe> recipesOf(GemmPoint g, List<Fp8Recipe> recipes) {
        if (!g.dtype().equals(GemmDtypes.FP8)) {
            return java.util.Collections.singletonList(null);
        }
        return recipes.isEmpty() ? List.of(Fp8Recipe.VLLM) : recipes;
    }

    /** The command that runs the built benchmark. */
    public static List<String> command(Path executable) {
        return List.of(executable.toString());
    }
}
