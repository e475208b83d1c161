package dev.plimsoll.perfmodel.estimate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimatorErrorsTest {
    private final Estimator estimator = new Estimator(CostModelProvider.roofline());

    private Estimate run(String model, String gpu, Parallelism p, int batch, int isl, int osl) {
        ModelSpec m = TestSpecs.model(model);
        return estimator.estimate(new EstimateRequest(m, TestSpecs.gpu(gpu), p, m.defaultQuant(),
                TestSpecs.backend("vllm"), true, batch, isl, osl, EstimateRequest.DEFAULT_MEMORY_FRACTION));
    }

    @Test
    void layoutThatDoesNotDivideHeadsNamesWhatDoesNotDivide() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> run("llama-3.1-8b", "h100-sxm", Parallelism.tp(3), 1, 100, 100));
        assertTrue(e.getMessage().contains("32 attention heads do not divide by tp 3"), e.getMessage());
    }

    @Test
    void moreExpertParallelRanksThanExpertsAreRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> run("mixtral-8x7b", "h100-sxm", new Parallelism(1, 1, 16, 16), 1, 100, 100));
        assertTrue(e.getMessage().contains("8 experts cannot fill ep 16 ranks"), e.getMessage());
    }

    @Test
    void modelThatDoesNotFitNamesTheShortfallInGb() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> run("llama-3.1-405b", "h100-sxm", Parallelism.tp(2), 1, 100, 100));
        assertTrue(e.getMessage().matches(".*does not fit on h100-sxm.*short by \\d+\\.\\d GB.*"), e.getMessage());
    }

    @Test
    void zeroOrNegativeLengthsAreRejected() {
        assertTrue(assertThrows(UserInputException.class,
                () -> run("llama-3.1-8b", "h100-sxm", Parallelism.SINGLE, 1, 0, 100)).getMessage().contains("--isl"));
        assertTrue(assertThrows(UserInputException.class,
                () -> run("llama-3.1-8b", "h100-sxm", Parallelism.SINGLE, 1, 100, -5)).getMessage().contains("--osl"));
        assertTrue(assertThrows(UserInputException.class,
                () -> run("llama-3.1-8b", "h100-sxm", Parallelism.SINGLE, 0, 100, 5)).getMessage().contains("--batch"));
    }

    @Test
    void requestLongerThanTheKvPoolIsRefusedWithSizes() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> run("llama-3.1-8b", "l4", Parallelism.SINGLE, 1, 100_000, 100));
        assertTrue(e.getMessage().contains("needs 13.12 GB of KV cache"), e.getMessage());
    }

    @Test
    void requestLongerThanTheModelContextIsRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> run("llama-3.1-70b", "h200-sxm", Parallelism.tp(2), 1, 3_000_000, 100));
        assertTrue(e.getMessage().contains("exceeds the 131072-token context of llama-3.1-70b"), e.getMessage());
    }
}
