package dev.plimsoll.perfmodel.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The layouts InferenceX's multinode Dynamo runs really had where its configuration declared others.
 * Each multinode entry of {@code .github/configs/nvidia-master.yaml} launches an srt-slurm recipe
 * ({@code CONFIG_FILE=recipes/...}) and declares the recipe's prefill and decode layout beside it, and a
 * measured row records the declared layout. PR #919 (commit f316a0e, 2026-03-23) found 34 entries whose
 * declaration did not match the recipe ("declared TP/EP/DP-attn values didn't match the actual recipe
 * files") and corrected the declarations only ("No recipe files were modified"): the runs had always
 * launched the recipe. A row recorded with the old declaration of one of those entries therefore ran the
 * corrected layout (resource {@value #RESOURCE}: DeepSeek-R1 FP8 on TensorRT-LLM, H200 1k/1k prefill
 * attention data parallel, H200 8k/1k prefill tensor parallel, B200 8k/1k prefill experts tensor
 * parallel; DeepSeek-R1 FP4 on GB200, 8k/1k decode tensor parallel).
 *
 * <p>A row is taken for an entry by what the declaration did not get wrong: its model, GPU system,
 * precision, sequence lengths, benchmark concurrency and both pools' worker counts, with the declared
 * layout in its layout columns. Worker counts are part of the match, so a row that leaves them out
 * (underspecified) keeps its columns.
 */
final class InferenceXLayoutCorrections {
    static final String RESOURCE = "inferencex/layout-corrections-f316a0e.csv";
    /** The configurations' model-prefix of the rows the corrections name (all DeepSeek-R1). */
    private static final String MODEL_PREFIX = "dsr1";

    /**
     * One corrected entry.
     *
     * @param concurrencies   the benchmark concurrencies of its recipe
     * @param prefillDeclared the prefill layout nvidia-master.yaml declared before the fix
     * @param prefillRecipe   the prefill layout the recipe launched
     * @param recipe          the srt-slurm recipe the entry launched
     */
    record Correction(String config, String system, String precision, int isl, int osl, List<Integer> concurrencies,
                      int prefillWorkers, int decodeWorkers, DeclaredPool prefillDeclared, DeclaredPool prefillRecipe,
                      DeclaredPool decodeDeclared, DeclaredPool decodeRecipe, String recipe) {
        boolean recorded(MeasuredDeployment row) {
            return row.system().equals(system) && InferenceXScript.precisionOf(row).equals(precision)
                    && row.isl() == isl && row.osl() == osl && concurrencies.contains(row.concurrency())
                    && row.prefill().workers() == prefillWorkers && row.decode().workers() == decodeWorkers
                    && prefillDeclared.describes(row.prefill()) && decodeDeclared.describes(row.decode());
        }
    }

    private final List<Correction> corrections;

    InferenceXLayoutCorrections(List<Correction> corrections) {
        this.corrections = List.copyOf(corrections);
    }

    /** The transcription shipped in the jar. */
    static InferenceXLayoutCorrections bundled() {
        return Holder.BUNDLED;
    }

    List<Correction> corrections() {
        return corrections;
    }

    /**
     * The row as its recipe launched it: the corrected pools where the row carries a declaration PR #919
     * fixed, the row itself otherwise (and for every row that is not a disaggregated TensorRT-LLM run of
     * InferenceX's).
     */
    MeasuredDeployment launched(MeasuredDeployment row, BenchmarkClient client) {
        return of(row, client).map(c -> row.withPools(c.prefillRecipe().applyTo(row.prefill()),
                c.decodeRecipe().applyTo(row.decode()))).orElse(row);
    }

    /** The corrected entry a row was recorded from, if any. */
    Optional<Correction> of(MeasuredDeployment row, BenchmarkClient client) {
        if (client != BenchmarkClient.INFERENCEX || !row.disaggregated() || !"trtllm".equalsIgnoreCase(row.backend())
                || !InferenceXRowName.modelPrefix(row).filter(MODEL_PREFIX::equals).isPresent()) {
            return Optional.empty();
        }
        return corrections.stream().filter(c -> c.recorded(row)).findFirst();
    }

    /** Parses the transcription: {@code #} comments, a header, then one entry a line. */
    static List<Correction> parse(BufferedReader in) throws IOException {
        List<Correction> out = new ArrayList<>();
        for (String[] f : BundledTable.records(in)) {
            List<Integer> concurrencies = Arrays.stream(f[5].split(";")).map(Integer::parseInt).toList();
            out.add(new Correction(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), concurrencies,
                    Integer.parseInt(f[6]), Integer.parseInt(f[7]), DeclaredPool.parse(f[8]), DeclaredPool.parse(f[9]),
                    DeclaredPool.parse(f[10]), DeclaredPool.parse(f[11]), f[12]));
        }
        return out;
    }

    private static final class Holder {
        static final InferenceXLayoutCorrections BUNDLED = BundledTable.load(RESOURCE,
                in -> new InferenceXLayoutCorrections(parse(in)));
    }
}
