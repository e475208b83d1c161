package dev.plimsoll.perfmodel.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine flags of the srt-slurm recipes InferenceX's multinode configurations launch (resource
 * {@value #RESOURCE}, every recipe nvidia-master.yaml names at 51e31df: InferenceX's runners check out
 * ishandhanani/srt-slurm at branch {@code sa-submission-q1-2026}; read from NVIDIA/srt-slurm at 4a22a181,
 * that branch's merge into main on 2026-03-25, each line naming the commit it was read from), and the caps
 * gpt-oss's GB200 entries pass as runner settings instead. A recipe not listed here is launched as before,
 * from the row's columns.
 */
final class SrtSlurmRecipes {
    static final String RESOURCE = "inferencex/srt-slurm-recipes.csv";

    private final Map<String, MultinodeRecipe> byName = new HashMap<>();

    SrtSlurmRecipes(List<MultinodeRecipe> recipes) {
        recipes.forEach(r -> byName.put(r.recipe(), r));
    }

    static SrtSlurmRecipes bundled() {
        return Holder.BUNDLED;
    }

    /** The flags of {@code recipe}, if transcribed. */
    Optional<MultinodeRecipe> of(String recipe) {
        return Optional.ofNullable(byName.get(recipe));
    }

    /**
     * Parses the transcription: {@code #} comments, a header, then {@code recipe, repo, commit,
     * prefill_max_batch, prefill_max_tokens, prefill_chunk, decode_max_batch, decode_max_tokens,
     * decode_graph_max, draft_tokens, prefill_memory_fraction, decode_memory_fraction, prefill_kv_cache,
     * decode_kv_cache, prefill_moe_backend, decode_moe_backend}, an empty cell where the recipe sets nothing.
     */
    static List<MultinodeRecipe> parse(BufferedReader in) throws IOException {
        return BundledTable.records(in).stream().map(f -> new MultinodeRecipe(f[0], count(f[3]), count(f[4]),
                count(f[5]), count(f[6]), count(f[7]), count(f[8]), count(f[9]),
                new RecipePoolEngine(fraction(f[10]), fp8(f[12]), f[14].trim()),
                new RecipePoolEngine(fraction(f[11]), fp8(f[13]), f[15].trim()))).toList();
    }

    private static int count(String cell) {
        return cell.isBlank() ? 0 : Integer.parseInt(cell.trim());
    }

    private static double fraction(String cell) {
        return cell.isBlank() ? 0.0 : Double.parseDouble(cell.trim());
    }

    private static boolean fp8(String cell) {
        if (cell.isBlank()) {
            return false;
        }
        if (!cell.trim().equals("fp8")) {
            throw new IllegalArgumentException("KV cache '" + cell + "': fp8 or empty");
        }
        return true;
    }

    private static final class Holder {
        static final SrtSlurmRecipes BUNDLED = BundledTable.load(RESOURCE, in -> new SrtSlurmRecipes(parse(in)));
    }
}
