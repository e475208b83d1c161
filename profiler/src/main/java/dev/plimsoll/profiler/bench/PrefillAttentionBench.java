package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.plan.PrefillPoint;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Prefill attention through PyTorch's scaled_dot_product_attention (sdpa_bench.py), the library
 * attention the engines fall back to and FlashAttention's own entry in PyTorch. Runs only where
 * python3 can import a CUDA build of torch; otherwise the plan's prefill points are noted as not
 * measured and the calibration prices prefill attention by the roofline.
 */
public final class PrefillAttentionBench {
    static final long REQUEST_TIMEOUT_S = 300;

    private PrefillAttentionBench() {
    }

    /**
     * @return torch's version answer when the script ran, empty when torch is unavailable
     */
    public static Optional<String> run(List<String> command, List<PrefillPoint> points, BenchSettings s,
                                       Measurements out, PointListener listener,
                                       ToDoubleFunction<PrefillPoint> estimate) {
        if (points.isEmpty()) {
            return Optional.empty();
        }
        int done = 0;
        String version;
        try (LineProcess p = LineProcess.start("sdpa_bench", command)) {
            String v = p.request("version", 120);
            version = v.startsWith("ok ") ? v.substring(3).strip() : v;
            for (PrefillPoint pp : points) {
                if (listener.stopRequested()) {
                    break;
                }
                done++;
                String label = "prefill " + pp.heads() + " batch " + pp.batch() + " isl " + pp.isl();
                String req = "prefill " + pp.batch() + " " + pp.isl() + " " + pp.heads().heads() + " "
                        + pp.heads().kvHeads() + " " + pp.heads().headDim() + " " + s.warmup() + " " + s.repeats();
                ProtocolAnswer a = ProtocolAnswer.parse(p.request(req, REQUEST_TIMEOUT_S), req);
                if (a.ok()) {
                    out.add(new Measurements.Prefill(pp, a.timing(), a.extra()));
                } else {
                    out.note(label + " not measured: " + a.error());
                }
                listener.done(label, estimate.applyAsDouble(pp));
            }
        } catch (LineProcess.HelperFailure e) {
            if (done == 0) {
                out.note("prefill attention not measured: " + e.getMessage() + " (it needs python3 with a CUDA build "
                        + "of torch; --python names another interpreter)");
                return Optional.empty();
            }
            out.note("prefill attention stopped after " + done + " of " + points.size() + " points: " + e.getMessage());
            return Optional.of("");
        } catch (java.io.UncheckedIOException e) {
            out.note("prefill attention not measured: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(version);
    }
}
