package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.plan.AttentionHeads;
import dev.plimsoll.profiler.plan.DecodePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorchDecodeBenchTest {
    private static final BenchSettings SETTINGS = new BenchSettings(1, 3, 1 << 28);
    private static final AttentionHeads HEADS = new AttentionHeads(32, 8, 128);

    /** A stand-in sdpa_bench.py: decode answers ctx/10000 ms, refuses batch 7, logs requests. */
    private static Path fakeTorch(Path dir) throws Exception {
        return FakeHelpers.script(dir.resolve("python3"), """
                #!/usr/bin/env bash
                while read -r cmd batch ctx heads kv dim warm rep rot; do
                  case "$cmd" in
                    version) echo "ok 2.11.0+cu130 13.0 gqa" ;;
                    decode)
                      echo "$batch $ctx $heads $kv $dim $rot" >> "$0.log"
                      if [ "$batch" = 7 ]; then echo "err RuntimeError: No available kernel"
                      else echo "ok $(awk "BEGIN{print $ctx/10000}") 0.0001 1 100 3"; fi ;;
                    quit) exit 0 ;;
                  esac
                done
                """);
    }

    @Test
    void bf16PointsRunOnFlashAttentionAndTheRestIsHandedBack(@TempDir Path dir) throws Exception {
        Path python = fakeTorch(dir);
        DecodePoint a = new DecodePoint(HEADS, DecodePoint.BF16, 4, 1023);
        DecodePoint fp8 = new DecodePoint(HEADS, DecodePoint.FP8, 4, 1023);
        DecodePoint refused = new DecodePoint(HEADS, DecodePoint.BF16, 7, 127);
        Measurements m = new Measurements();
        FakeHelpers.Recorder r = new FakeHelpers.Recorder(-1);
        List<DecodePoint> left = TorchDecodeBench.run(List.of(python.toString(), "sdpa_bench.py"),
                List.of(a, fp8, refused), SETTINGS, m, r, p -> 0.1);
        assertEquals(List.of(fp8, refused), left);
        assertEquals(1, m.decodes().size());
        Measurements.Decode d = m.decodes().get(0);
        assertEquals(a, d.point());
        assertEquals(Measurements.TORCH_DECODE_SOURCE, d.source());
        assertEquals(0.1024, d.timing().medianMs(), 1e-12, "the context is the cached tokens plus the new one");
        assertEquals(3, d.timing().copies());
        assertEquals(List.of("4 1024 32 8 128 268435456", "7 128 32 8 128 268435456"),
                java.nio.file.Files.readAllLines(dir.resolve("python3.log")));
        assertEquals(1, r.labels.size(), "handed-back points are counted by the kernel that measures them");
        assertTrue(m.notes().get(0).contains("No available kernel"), m.notes().toString());
    }

    @Test
    void withoutTorchEveryPointIsHandedBack(@TempDir Path dir) throws Exception {
        Path python = FakeHelpers.script(dir.resolve("python3"), """
                #!/usr/bin/env bash
                echo "fatal cannot import torch: No module named 'torch'"
                exit 1
                """);
        List<DecodePoint> points = List.of(new DecodePoint(HEADS, DecodePoint.BF16, 1, 127));
        Measurements m = new Measurements();
        assertEquals(points, TorchDecodeBench.run(List.of(python.toString()), points, SETTINGS, m,
                new FakeHelpers.Recorder(-1), p -> 0.1));
        assertTrue(m.decodes().isEmpty());
        assertTrue(m.notes().get(0).startsWith("decode attention through PyTorch not run")
                && m.notes().get(0).contains("cannot import torch"), m.notes().toString());
        Measurements missing = new Measurements();
        assertEquals(points, TorchDecodeBench.run(List.of(dir.resolve("no-such-python").toString()), points, SETTINGS,
                missing, new FakeHelpers.Recorder(-1), p -> 0.1));
        assertTrue(missing.notes().get(0).contains("cannot start sdpa_bench"), missing.notes().toString());
    }
}
