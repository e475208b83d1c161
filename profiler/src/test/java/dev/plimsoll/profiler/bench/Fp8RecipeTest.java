package dev.plimsoll.profiler.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Fp8RecipeTest {
    @Test
    void enginesMapToTheirFp8Recipes() {
        assertEquals(Fp8Recipe.SGLANG, Fp8Recipe.forBackend("SGLang"));
        assertEquals(Fp8Recipe.TRTLLM, Fp8Recipe.forBackend("trtllm"));
        assertEquals(Fp8Recipe.VLLM, Fp8Recipe.forBackend("vllm"));
        assertEquals(Fp8Recipe.VLLM, Fp8Recipe.forBackend("dynamo"), "an engine without its own recipe: vLLM's");
        assertEquals(List.of(Fp8Recipe.TRTLLM, Fp8Recipe.VLLM),
                Fp8Recipe.forBackends(List.of("trtllm", "vllm", "other", "trtllm")));
        assertEquals(List.of(Fp8Recipe.VLLM), Fp8Recipe.forBackends(List.of()));
    }

    @Test
    void everyRecipeIsATypeTheGemmBenchmarkParsesAndNamesItsRowsApart() throws Exception {
        String bench;
        try (var in = Fp8Recipe.class.getClassLoader().getResourceAsStream(
                "dev/plimsoll/profiler/kernels/gemm_bench.cu")) {
            bench = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (Fp8Recipe r : Fp8Recipe.values()) {
            assertTrue(bench.contains("if (s == \"" + r.benchName() + "\") return Kind::"), r.benchName());
        }
        assertEquals(Fp8Recipe.values().length,
                java.util.Arrays.stream(Fp8Recipe.values()).map(Fp8Recipe::kernelSource).distinct().count());
    }
}
