package dev.plimsoll.perfmodel.specs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measured H100 and H200 efficiencies and latencies in hardware-specs are re-derived here from
 * the kernel tables of shared/data/kernels, so that an edit to either side is caught.
 */
class HardwareSpecsMatchMeasurementsTest {

    @ParameterizedTest
    @CsvSource({"h100-sxm, h100_sxm", "h200-sxm, h200_sxm"})
    void gemmAndMemoryEfficiencyAreTheMeasuredMedians(String id, String dir) {
        GpuSpec gpu = SpecRegistry.bundled().gpu(id);
        List<Double> bigGemmFlopsPerS = new ArrayList<>();
        List<Double> weightStreamBytesPerS = new ArrayList<>();
        for (Map<String, String> r : SharedData.csvGz("kernels/" + dir + "/gemm_trtllm.csv.gz")) {
            if (!r.get("gemm_dtype").equals("bfloat16")) {
                continue;
            }
            long m = Long.parseLong(r.get("m"));
            long n = Long.parseLong(r.get("n"));
            long k = Long.parseLong(r.get("k"));
            double seconds = Double.parseDouble(r.get("latency")) / 1e3;
            if (Math.min(m, Math.min(n, k)) >= 4096) {
                bigGemmFlopsPerS.add(2.0 * m * n * k / seconds);
            }
            if (m <= 16 && 2.0 * n * k >= 256e6) {
                weightStreamBytesPerS.add(2.0 * n * k / seconds);
            }
        }
        double gemm = median(bigGemmFlopsPerS) / gpu.peakFlopsPerS(ComputeDtype.BF16);
        double memory = median(weightStreamBytesPerS) / gpu.memoryBandwidthBytesPerS();
        assertEquals(gemm, gpu.efficiency().gemm(), 0.01, id + " gemm efficiency");
        assertEquals(memory, gpu.efficiency().memory(), 0.01, id + " memory efficiency");
    }

    @ParameterizedTest
    @CsvSource({"h100-sxm, h100_sxm", "h200-sxm, h200_sxm"})
    void collectiveBusIsTheLargeAllReduceBusBandwidthAtEightGpus(String id, String dir) {
        GpuSpec gpu = SpecRegistry.bundled().gpu(id);
        double best = 0;
        long largest = 0;
        for (Map<String, String> r : SharedData.csvGz("kernels/" + dir + "/nccl.csv.gz")) {
            if (r.get("op_name").equals("all_reduce") && r.get("nccl_dtype").equals("half")
                    && r.get("num_gpus").equals("8")) {
                long elements = Long.parseLong(r.get("message_size"));
                if (elements >= largest) {
                    largest = elements;
                    double seconds = Double.parseDouble(r.get("latency")) / 1e3;
                    best = 2.0 * elements / seconds * 2.0 * 7 / 8; // NCCL bus bandwidth of an all-reduce
                }
            }
        }
        double expected = Math.min(1.0, best / gpu.scaleUpBandwidthBytesPerS());
        assertEquals(expected, gpu.efficiency().collectiveBus(), 0.01, id + " collective bus efficiency");
    }

    @ParameterizedTest
    @CsvSource({"h100-sxm, h100_sxm", "h200-sxm, h200_sxm"})
    void scaleUpLatencyIsWithinTheMeasuredSmallAllReduces(String id, String dir) {
        List<Double> us = new ArrayList<>();
        for (Map<String, String> r : SharedData.csvGz("kernels/" + dir + "/custom_allreduce_trtllm.csv.gz")) {
            if (Long.parseLong(r.get("message_size")) <= 1024) {
                us.add(Double.parseDouble(r.get("latency")) * 1e3);
            }
        }
        double latency = SpecRegistry.bundled().gpu(id).scaleUpLatencyUs();
        assertTrue(latency >= Collections.min(us) && latency <= Collections.max(us),
                id + " " + latency + " us outside " + Collections.min(us) + ".." + Collections.max(us));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
