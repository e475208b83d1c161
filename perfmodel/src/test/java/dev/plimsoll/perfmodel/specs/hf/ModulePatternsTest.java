package dev.plimsoll.perfmodel.specs.hf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModulePatternsTest {

    @Test
    void globsMatchAnyDottedSubPath() {
        ModulePatterns p = new ModulePatterns(List.of("model.layers.*.self_attn"));
        assertTrue(p.excludes("model.layers.3.self_attn.q_proj"));
        assertTrue(p.excludes("language_model.model.layers.3.self_attn.o_proj"));
        assertFalse(p.excludes("model.layers.3.mlp.experts.gate_up_proj"));
    }

    @Test
    void regexEntriesAreCompressedTensorsStyle() {
        ModulePatterns p = new ModulePatterns(List.of("re:.*mlp\\.(gate|up|gate_up|down)_proj.*"));
        assertTrue(p.excludes("model.layers.0.mlp.gate_proj"));
        assertFalse(p.excludes("model.layers.1.mlp.experts.0.gate_proj"), "routed experts are not dense MLP");
    }

    @Test
    void plainEntriesMatchAsSubstrings() {
        ModulePatterns p = new ModulePatterns(List.of("lm_head", "model.layers.0.self_attn.kv_b_proj"));
        assertTrue(p.excludes("model.layers.0.self_attn.kv_b_proj"));
        assertFalse(p.excludes("model.layers.0.self_attn.o_proj"));
        assertTrue(p.excludesAll(List.of("lm_head")));
        assertFalse(p.excludesAll(List.of()), "nothing to exclude is not 'all excluded'");
    }
}
