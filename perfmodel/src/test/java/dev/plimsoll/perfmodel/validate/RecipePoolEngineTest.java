package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.Nvfp4MoeKernel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One pool's engine settings as srt-slurm recipes give them. */
class RecipePoolEngineTest {
    @Test
    void recipesLaunchingOnePoolKeepWhatTheyAgreeOn() {
        RecipePoolEngine a = new RecipePoolEngine(0.6, true, "TRTLLM");
        RecipePoolEngine b = new RecipePoolEngine(0.4, true, "TRTLLM");
        RecipePoolEngine c = new RecipePoolEngine(0.6, false, "CUTLASS");
        assertEquals(a, RecipePoolEngine.agreed(List.of(a, a)));
        assertEquals(new RecipePoolEngine(0.0, true, "TRTLLM"), RecipePoolEngine.agreed(List.of(a, b)),
                "different memory shares: the engine's default");
        assertEquals(new RecipePoolEngine(0.6, false, ""), RecipePoolEngine.agreed(List.of(a, c)));
    }

    @Test
    void aRecipesMemoryShareReplacesTheLaunchsOnlyWhereSet() {
        assertEquals(0.6, new RecipePoolEngine(0.6, false, "").memoryOr(0.9));
        assertEquals(0.9, RecipePoolEngine.DEFAULTS.memoryOr(0.9));
    }

    @Test
    void tensorRtLlmsNamedNvfp4KernelsAreTheOnesItsTablesTime() {
        BackendProfile trtllm = BackendProfiles.get("trtllm");
        assertEquals(Nvfp4MoeKernel.TRTLLM_GEN,
                new RecipePoolEngine(0, false, "TRTLLM").kernels(trtllm).nvfp4MoeKernel());
        assertEquals(Nvfp4MoeKernel.CUTLASS,
                new RecipePoolEngine(0, false, "CUTLASS").kernels(trtllm).nvfp4MoeKernel());
        assertEquals(trtllm.nvfp4MoeKernel(), new RecipePoolEngine(0, false, "CUTEDSL").kernels(trtllm).nvfp4MoeKernel());
        assertEquals(trtllm.nvfp4MoeKernel(), RecipePoolEngine.DEFAULTS.kernels(trtllm).nvfp4MoeKernel());
    }
}
