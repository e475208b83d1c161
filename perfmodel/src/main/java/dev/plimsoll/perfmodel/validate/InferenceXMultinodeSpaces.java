package dev.plimsoll.perfmodel.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The multinode disaggregated search spaces of InferenceX's configurations (Dynamo with TensorRT-LLM,
 * SGLang or vLLM workers), transcribed from SemiAnalysisAI/InferenceX {@code .github/configs/nvidia-master.yaml}
 * at commit 51e31df (2026-04-06; resource {@value #RESOURCE}). InferenceX's own results of these runs
 * reach the shared files without worker counts (the {@code 2026_03_25_..._disagg_...} rows), so they are
 * underspecified and scored apart under an assumption. Where the configuration runs exactly one pair of
 * pools at a row's model, GPU, precision, engine, sequence lengths and concurrency, that pair is the
 * assumption: its worker counts and its layouts (the declared ones, which PR #919 had aligned with the
 * recipes by then). Where entries of different pools share the concurrency the row keeps the default
 * assumption of one worker a pool. Each entry also names the srt-slurm recipe it launches, whose engine
 * flags a row with worker counts runs ({@link #recipesOf}). A point both a plain and an MTP entry run is
 * read as plain throughout.
 */
final class InferenceXMultinodeSpaces {
    static final String RESOURCE = "inferencex/multinode-spaces-51e31df.csv";

    /**
     * One search-space entry.
     *
     * @param concurrencies the benchmark concurrencies its recipe runs
     * @param recipe        the srt-slurm recipe it launches ({@code CONFIG_FILE}), or the runner settings it
     *                      passes instead (a key of {@link SrtSlurmRecipes})
     */
    record Entry(String config, String modelPrefix, String runner, String precision, String framework, int isl,
                 int osl, boolean mtp, List<Integer> concurrencies, int prefillWorkers, DeclaredPool prefill,
                 int decodeWorkers, DeclaredPool decode, String recipe) {
        boolean defines(String rowPrefix, String rowRunner, String rowPrecision, String rowFramework, int rowIsl,
                        int rowOsl, int concurrency) {
            return modelPrefix.equals(rowPrefix) && runner.equals(rowRunner) && precision.equals(rowPrecision)
                    && framework.equals(rowFramework) && isl == rowIsl && osl == rowOsl
                    && concurrencies.contains(concurrency);
        }

        /**
         * Whether the prefill pool a row records is this entry's: its GPUs a worker and its expert-parallel
         * size. The rows without worker counts record the prefill declaration's {@code tp} and {@code ep} in
         * both pools' columns and never its {@code dp-attn} (every H200 TensorRT-LLM 1k/1k entry declares an
         * attention-data-parallel prefill; its rows record attention TP 8, DP 1).
         */
        boolean prefillRecordedAs(PoolLayout recorded) {
            return recorded.gpus() == prefill.tp() && Math.max(1, recorded.moeEp()) == prefill.ep();
        }

        /** The pools as a row's columns would give them at {@code concurrency} clients. */
        Pools pools(int concurrency) {
            int decodeRanks = decodeWorkers * decode.attentionDp();
            return new Pools(prefill.layout(prefillWorkers, 1),
                    decode.layout(decodeWorkers, Math.max(1, (concurrency + decodeRanks - 1) / decodeRanks)));
        }

        /** Whether a row's pools are this entry's: worker counts and layouts as the row's columns give them. */
        boolean runs(PoolLayout rowPrefill, PoolLayout rowDecode) {
            return rowPrefill.workers() == prefillWorkers && prefill.describes(rowPrefill)
                    && rowDecode.workers() == decodeWorkers && decode.describes(rowDecode);
        }

        boolean samePools(Entry o) {
            return prefillWorkers == o.prefillWorkers && prefill.equals(o.prefill) && decodeWorkers == o.decodeWorkers
                    && decode.equals(o.decode);
        }
    }

    /**
     * A disaggregated deployment's pools: the prefill pool a request a rank (the rows' convention), the
     * decode pool with the clients spread over its workers' attention ranks.
     */
    record Pools(PoolLayout prefill, PoolLayout decode) {
    }

    /** The configuration a row's pools are read from, and those pools. */
    record Assumed(String config, Pools pools) {
    }

    private final List<Entry> entries;

    InferenceXMultinodeSpaces(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static InferenceXMultinodeSpaces bundled() {
        return Holder.BUNDLED;
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * The pools InferenceX's configuration ran at an underspecified disaggregated row's point of its
     * matrix, where exactly one pair of pools is defined there.
     */
    Optional<Assumed> of(MeasuredDeployment row, BenchmarkClient client) {
        if (!row.underspecified()) {
            return Optional.empty();
        }
        List<Entry> defining = readAsPlain(defining(row, client).stream()
                .filter(e -> e.prefillRecordedAs(row.prefill())).toList());
        if (defining.isEmpty() || defining.stream().anyMatch(e -> !e.samePools(defining.get(0)))) {
            return Optional.empty();
        }
        Entry e = defining.get(0);
        return Optional.of(new Assumed(e.config(), e.pools(row.concurrency())));
    }

    /**
     * The recipes a disaggregated InferenceX row with worker counts ran: those of the entries whose point
     * and pools are the row's (the plain ones, where plain and MTP entries both run it: such a point is
     * read as plain, as the aggregated MTP rule reads one), all of them transcribed in {@code recipes}.
     * Each pool's is known where every such recipe launches that pool alike.
     */
    LaunchedRecipes recipesOf(MeasuredDeployment row, BenchmarkClient client, SrtSlurmRecipes recipes) {
        if (row.underspecified()) {
            return LaunchedRecipes.NONE;
        }
        List<Optional<MultinodeRecipe>> launched = readAsPlain(defining(row, client).stream()
                .filter(e -> e.runs(row.prefill(), row.decode())).toList()).stream()
                .map(e -> recipes.of(e.recipe())).toList();
        if (launched.isEmpty() || launched.stream().anyMatch(Optional::isEmpty)) {
            return LaunchedRecipes.NONE;
        }
        List<MultinodeRecipe> all = launched.stream().map(Optional::get).toList();
        MultinodeRecipe first = all.get(0);
        return new LaunchedRecipes(
                all.stream().allMatch(first::samePrefill) ? Optional.of(first) : Optional.empty(),
                all.stream().allMatch(first::sameDecode) ? Optional.of(first) : Optional.empty(),
                RecipePoolEngine.agreed(all.stream().map(MultinodeRecipe::prefillEngine).toList()),
                RecipePoolEngine.agreed(all.stream().map(MultinodeRecipe::decodeEngine).toList()));
    }

    /**
     * The recipe each pool of a row was launched with, where the point's recipes agree on that pool's caps,
     * and each pool's engine settings as they agree on them ({@link RecipePoolEngine#agreed}).
     */
    record LaunchedRecipes(Optional<MultinodeRecipe> prefill, Optional<MultinodeRecipe> decode,
                           RecipePoolEngine prefillEngine, RecipePoolEngine decodeEngine) {
        static final LaunchedRecipes NONE = new LaunchedRecipes(Optional.empty(), Optional.empty(),
                RecipePoolEngine.DEFAULTS, RecipePoolEngine.DEFAULTS);
    }

    /**
     * A point a plain and an MTP entry both run is read as plain, as {@link InferenceXMtpScript}'s rule reads
     * an aggregated one (no row records speculative decoding): its entries are then the plain ones.
     */
    private static List<Entry> readAsPlain(List<Entry> running) {
        return running.stream().anyMatch(e -> !e.mtp()) ? running.stream().filter(e -> !e.mtp()).toList() : running;
    }

    /** The entries whose point (model, GPU, precision, engine, sequence lengths, concurrency) is the row's. */
    private List<Entry> defining(MeasuredDeployment row, BenchmarkClient client) {
        if (client != BenchmarkClient.INFERENCEX || !row.disaggregated() || row.concurrency() <= 0) {
            return List.of();
        }
        Optional<String> prefix = InferenceXRowName.modelPrefix(row);
        if (prefix.isEmpty()) {
            return List.of();
        }
        String runner = row.system().toLowerCase(Locale.ROOT).split("_")[0];
        String framework = "dynamo-" + ("trtllm".equalsIgnoreCase(row.backend()) ? "trt"
                : row.backend().toLowerCase(Locale.ROOT));
        return entries.stream().filter(e -> e.defines(prefix.get(), runner, InferenceXScript.precisionOf(row),
                framework, row.isl(), row.osl(), row.concurrency())).toList();
    }

    /** Parses the transcription: {@code #} comments, a header, then one entry a line. */
    static List<Entry> parse(BufferedReader in) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String[] f : BundledTable.records(in)) {
            List<Integer> concurrencies = Arrays.stream(f[8].split(";")).map(Integer::parseInt).toList();
            out.add(new Entry(f[0], f[1], f[2], f[3], f[4], Integer.parseInt(f[5]), Integer.parseInt(f[6]),
                    "mtp".equals(f[7]), concurrencies, Integer.parseInt(f[9]), DeclaredPool.parse(f[10]),
                    Integer.parseInt(f[11]), DeclaredPool.parse(f[12]), f[13]));
        }
        return out;
    }

    private static final class Holder {
        static final InferenceXMultinodeSpaces BUNDLED = BundledTable.load(RESOURCE,
                in -> new InferenceXMultinodeSpaces(parse(in)));
    }
}
