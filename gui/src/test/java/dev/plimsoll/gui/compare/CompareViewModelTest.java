package dev.plimsoll.gui.compare;

import dev.plimsoll.gui.TestServices;
import dev.plimsoll.gui.service.EstimateService;
import dev.plimsoll.gui.service.StepBreakdown;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareViewModelTest {
    private final EstimateService service = new EstimateService(TestServices.get());

    @Test
    void theFasterGpuWinsOnLatencyAndTheTableSaysSo() {
        StepBreakdown h200 = service.replica("qwen3-32b", "fp8", "vllm", "h200-sxm", 2, 1, 32, 4000, 500);
        StepBreakdown h100 = service.replica("qwen3-32b", "fp8", "vllm", "h100-sxm", 2, 1, 32, 4000, 500);
        CompareViewModel vm = new CompareViewModel();
        vm.finished(h200, h100);
        CompareViewModel.Row decode = vm.rows().stream().filter(r -> r.metric().startsWith("decode step"))
                .findFirst().orElseThrow();
        assertEquals(h200.estimate().decodeStepMs(), decode.left());
        assertEquals(h100.estimate().decodeStepMs(), decode.right());
        // H200 has more HBM bandwidth (4.8 against 3.35 TB/s): its decode step is the shorter one
        assertTrue(decode.ratio() > 1, "H100 / H200 decode step " + decode.ratio());
        CompareViewModel.Row kv = vm.rows().stream().filter(r -> r.metric().startsWith("KV capacity")).findFirst()
                .orElseThrow();
        assertTrue(kv.left() > kv.right(), "141 GB of H200 hold more KV than 80 GB of H100");
    }

    @Test
    void anUnknownGpuIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> service.replica("qwen3-32b", "fp8", "vllm", "h300", 1, 1, 1, 100, 10));
        assertTrue(e.getMessage().contains("h300"), e.getMessage());
    }
}
