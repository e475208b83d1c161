package dev.plimsoll.profiler;

import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GpuMatcherTest {
    private static final List<GpuSpec> SPECS = SpecRegistry.bundled().gpus();

    private static String match(String device) {
        return GpuMatcher.match(device, SPECS).map(GpuSpec::id).orElse("none");
    }

    @Test
    void findsTheSpecFromTheDriversDeviceName() {
        assertEquals("h200-sxm", match("NVIDIA H200"));
        assertEquals("h100-sxm", match("NVIDIA H100 80GB HBM3"));
        assertEquals("h100-pcie", match("NVIDIA H100 PCIe"));
        assertEquals("l4", match("NVIDIA L4"));
        assertEquals("l40s", match("NVIDIA L40S"));
        assertEquals("b200-sxm", match("NVIDIA B200"));
        assertEquals("gb200", match("NVIDIA GB200"));
        assertTrue(GpuMatcher.match("Tesla T4", SPECS).isEmpty());
    }
}
