package dev.plimsoll.perfmodel.validate;

import java.util.Set;

/**
 * The SGLang command lines NVIDIA AIConfigurator's generator renders for a benchmark. Its rules ask
 * every aggregated SGLang engine for mixed chunks ({@code agg enable_mixed_chunk = true} in
 * generator/rule_plugin/sglang.rule and rule_plugin/benchmark/sglang.rule), which the parameter
 * mapping names {@code enable-mixed-chunk} (config/backend_config_mapping.yaml), and the command
 * line comes from the template of the engine's version
 * (config/backend_templates/sglang/cli_args.&lt;version&gt;.j2, else cli_args.j2). The templates of
 * 0.5.3.post2, 0.5.4.post3 and 0.5.6.post2 pass {@code --enable-mixed-chunk} when asked; the
 * 0.5.1.post1 template and the generic one test a key the mapping never sets
 * ({@code enable-mix-chunk}), so those engines ran SGLang's default, without.
 */
final class AicSglangTemplates {
    /** Versions whose own template passes --enable-mixed-chunk. */
    private static final Set<String> MIXED_CHUNK_VERSIONS = Set.of("0.5.3.post2", "0.5.4.post3", "0.5.6.post2");

    private AicSglangTemplates() {
    }

    /** Whether an aggregated SGLang engine the generator launched at this version mixed its chunks. */
    static boolean mixedChunk(String version) {
        return MIXED_CHUNK_VERSIONS.contains(version);
    }
}
