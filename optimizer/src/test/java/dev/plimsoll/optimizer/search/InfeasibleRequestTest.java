package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A question without an answer says why in one line. */
class InfeasibleRequestTest {

    @Test
    void aTtftBelowThePrefillOfOnePromptNamesTheFloor() {
        PlanRequest r = Plans.request("qwen3-32b", "h200-sxm", "fp8", WorkloadSpec.fixed(4000, 500, 0),
                new LoadTarget.Rate(5), SlaTarget.of(20, 10), Mode.BOTH);
        UserInputException e = assertThrows(UserInputException.class, () -> new Planner().plan(r));
        assertTrue(e.getMessage().startsWith("TTFT p90 <= 20 ms is below or within 5% of the physical floor of "),
                e.getMessage());
        assertTrue(e.getMessage().contains("4000-token prompt"), e.getMessage());
    }

    @Test
    void anItlBelowOneDecodeStepNamesTheFloor() {
        PlanRequest r = Plans.request("llama-3.1-8b", "h100-sxm", null, WorkloadSpec.fixed(1000, 100, 0),
                new LoadTarget.Rate(5), SlaTarget.of(500, 0.5), Mode.BOTH);
        UserInputException e = assertThrows(UserInputException.class, () -> new Planner().plan(r));
        assertTrue(e.getMessage().startsWith("ITL p90 <= 0.5 ms is below or within 5% of the physical floor"),
                e.getMessage());
    }

    @Test
    void aModelThatFitsNowhereSaysSo() {
        PlanRequest r = Plans.request("llama-3.1-405b", "l4", null, WorkloadSpec.fixed(1000, 100, 0),
                new LoadTarget.TotalGpus(4), SlaTarget.of(5000, 200), Mode.BOTH);
        UserInputException e = assertThrows(UserInputException.class, () -> new Planner().plan(r));
        assertTrue(e.getMessage().startsWith("llama-3.1-405b does not fit on l4 in any layout of up to 4 GPUs"),
                e.getMessage());
        assertTrue(e.getMessage().contains("short by"), e.getMessage());
    }
}
