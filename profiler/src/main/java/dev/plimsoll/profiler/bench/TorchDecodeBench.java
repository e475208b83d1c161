package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.plan.DecodePoint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Decode attention on tensor cores: FlashAttention-2's split-KV forward through PyTorch SDPA
 * (sdpa_bench.py, restricted to the flash backend), the kernel family the engines decode with
 * (FlashAttention-3 in vLLM and SGLang on Hopper). bf16 KV caches only (SDPA takes no fp8 K and V);
 * the points it cannot measure (fp8 KV, no torch, a refusal) are handed back for our own paged
 * kernel (paged_decode.cu).
 */
public final class TorchDecodeBench {
    static final long REQUEST_TIMEOUT_S = 300;

    private TorchDecodeBench() {
    }

    /** @return the points left for our own kernel, in their order */
    public static List<DecodePoint> run(List<String> command, List<DecodePoint> points, BenchSettings s,
                                        Measurements out, PointListener listener,
                                        ToDoubleFunction<DecodePoint> estimate) {
        List<DecodePoint> mine = points.stream().filter(p -> p.kvDtype().equals(DecodePoint.BF16)).toList();
        if (mine.isEmpty()) {
            return points;
        }
        List<DecodePoint> left = new ArrayList<>(points.stream().filter(p -> !mine.contains(p)).toList());
        int next = 0;
        try (LineProcess p = LineProcess.start("sdpa_bench", command)) {
            String version = p.request("version", 120);
            if (!version.startsWith("ok")) {
                out.note("decode attention through PyTorch not run (" + version + "): measured with our paged kernel");
                return points;
            }
            for (; next < mine.size(); next++) {
                DecodePoint d = mine.get(next);
                if (listener.stopRequested()) {
                    break;
                }
                String req = "decode " + d.batch() + " " + (d.step() + 1) + " " + d.heads().heads() + " "
                        + d.heads().kvHeads() + " " + d.heads().headDim() + " " + s.warmup() + " " + s.repeats() + " "
                        + s.rotateBytes();
                ProtocolAnswer a = ProtocolAnswer.parse(p.request(req, REQUEST_TIMEOUT_S), req);
                if (a.ok()) {
                    out.add(new Measurements.Decode(d, a.timing(), Measurements.TORCH_DECODE_SOURCE));
                    listener.done("decode " + d.heads() + " batch " + d.batch() + " step " + d.step() + " (flash)",
                            estimate.applyAsDouble(d));
                } else {
                    out.note("decode " + d.heads() + " batch " + d.batch() + " step " + d.step() + " not measured by "
                            + "PyTorch's flash attention (" + a.error() + "): measured with our paged kernel");
                    left.add(d);
                }
            }
        } catch (LineProcess.HelperFailure e) {
            out.note(next == 0 ? "decode attention through PyTorch not run (" + e.getMessage() + "): measured with "
                    + "our paged kernel" : "decode attention through PyTorch stopped after " + next + " of "
                    + mine.size() + " points (" + e.getMessage() + "): the rest measured with our paged kernel");
        } catch (java.io.UncheckedIOException e) {
            out.note("decode attention through PyTorch not run (" + e.getMessage() + "): measured with our paged "
                    + "kernel");
        }
        if (next < mine.size() && !listener.stopRequested()) {
            left.addAll(mine.subList(next, mine.size()));
        }
        return List.copyOf(left);
    }
}
