package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.workload.DatasetPoolShapes;
import dev.plimsoll.perfmodel.workload.RequestPath;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.Workload;

import java.util.regex.Pattern;

/**
 * The load generator that measured a deployment, and the closed-loop workload it sent. Both kinds
 * of rows in the aic-silicon data were measured the same way in outline: {@code C} streaming
 * clients with ignore_eos, a warm-up, then a measured phase that starts from an idle engine with
 * every client sending at once and averages every request of the phase, the opening burst and the
 * final drain included:
 * <ul>
 *   <li>aiperf runs its phases one after the other: the credit issuer sends a phase's requests,
 *       then "waits for the credits to be returned before continuing to the next phase"
 *       (aiperf timing/credit_issuing_strategy.py, _execute_phases), so the warm-up drains first;</li>
 *   <li>InferenceX's benchmark_serving.py gathers its warm-up tasks, then creates every measured
 *       task at once behind an asyncio.Semaphore(max_concurrency)
 *       (utils/bench_serving/benchmark_serving.py, benchmark()).</li>
 * </ul>
 * The warm-up leaves nothing behind (its KV blocks are freed and random prompts share no prefix),
 * so the simulation runs the measured phase alone. The two clients differ in request lengths and
 * in the text of their prompts.
 */
public enum BenchmarkClient {
    /**
     * aiperf / genai-perf as Dynamo's benchmark scripts run them: {@code --concurrency C
     * --request-count 10C --warmup-request-count 2C --isl-stddev 0 --osl-stddev 0}
     * (Dynamo benchmarks/llm/perf.sh), every request exactly ISL in and OSL out. Its synthetic
     * prompts are cut from a Shakespeare corpus (aiperf dataset/generator/prompt.py,
     * {@code DEFAULT_CORPUS_FILE = "assets/shakespeare.txt"}): natural text.
     */
    AIPERF(1.0, Tokenisation.NATURAL_BYTES_PER_TOKEN),
    /**
     * SemiAnalysis InferenceX: {@code benchmark_serving.py --random-input-len ISL --random-output-len
     * OSL --random-range-ratio 0.8 --num-prompts 10C --max-concurrency C} (benchmarks/*.sh,
     * RANDOM_RANGE_RATIO 0.8 in its configuration), each request's lengths drawn uniformly from
     * [int(0.8 x L), L] (sample_uniform in its benchmark_serving.py). Its prompts are runs of
     * consecutive vocabulary ids from a random offset, decoded to text
     * ({@link Tokenisation#RANDOM_IDS_BYTES_PER_TOKEN}).
     */
    INFERENCEX(0.8, Tokenisation.RANDOM_IDS_BYTES_PER_TOKEN);

    /** Measured requests per client: --request-count 10C (Dynamo) and --num-prompts 10C (InferenceX). */
    public static final int REQUESTS_PER_CLIENT = 10;
    /**
     * The rest of the request path (client event loop, HTTP on the host, the hop to the worker),
     * uniform over [0, 10 ms): an estimate of that path, not a fit; docs/validation.md gives the
     * sensitivity.
     */
    static final double PATH_SCATTER_MS = 10.0;
    /**
     * The request path of a prompt of natural text, inside a client's TTFT timer: the aiperf rows'
     * path. The planner's confirming simulations send their requests along it too, so plan and
     * validate count the same TTFT for the same prompts.
     */
    public static final RequestPath PATH = AIPERF.path;
    /** InferenceX names its rows after the campaign date: {@code 2026_04_06_gpt_oss_120b_h100_sxm_...}. */
    private static final Pattern CAMPAIGN_DATE = Pattern.compile("^\\d{4}_\\d{2}_\\d{2}_.*");
    /**
     * AIConfigurator's gap-analysis rows ({@code kimi_k2_5_gap_analysis_kimi_k2_5_gap_analysis_h200_sxm_vllm_int4_agg_...},
     * {@code qwen3_5_397b_gap_analysis_...}) re-report InferenceX benchmarks: each of the 30 such rows
     * of the shared H200 file carries the mean TTFT and TPOT of an InferenceX row of the same model,
     * engine, sequence lengths, concurrency and layout, rounded to two decimals (148.61 ms and
     * 10.43 ms for {@code 2026_04_06_kimi_k2_5_..._1024x1024_c4_tp8_ep1_1292}'s 148.606 and 10.431),
     * so InferenceX's client and scripts measured them (docs/validation.md, "Rules that name a GPU,
     * a model or a row pattern").
     */
    private static final Pattern GAP_ANALYSIS = Pattern.compile("^[a-z0-9_]+?_gap_analysis_.*");

    private final double lengthRangeRatio;
    /** The way this client's prompts take to the engine: their text's tokenisation and the hop. */
    private final RequestPath path;

    BenchmarkClient(double lengthRangeRatio, double promptBytesPerToken) {
        this.lengthRangeRatio = lengthRangeRatio;
        this.path = new RequestPath(Tokenisation.usPerToken(promptBytesPerToken), PATH_SCATTER_MS);
    }

    /** The request path of this client's prompts. */
    RequestPath path() {
        return path;
    }

    /**
     * InferenceX for rows named after a campaign date, after one of its configurations
     * ({@link InferenceXRowName}) or as a gap-analysis repeat of its benchmarks, aiperf otherwise.
     */
    public static BenchmarkClient of(MeasuredDeployment row) {
        String id = row.id();
        boolean inferenceX = CAMPAIGN_DATE.matcher(id).matches() || InferenceXRowName.matches(id)
                || GAP_ANALYSIS.matcher(id).matches();
        return inferenceX ? INFERENCEX : AIPERF;
    }

    /** The client's name on the command line. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The measured phase: every client sends at time zero, {@code requestsPerClient} requests each, all measured. */
    Workload.ClosedLoop workload(MeasuredDeployment row, int requestsPerClient) {
        return workload(row, requestsPerClient, 0);
    }

    /**
     * The measured phase; an aiperf client's prompts drawn from a pool of {@code datasetEntries}
     * distinct ones ({@link DatasetPoolShapes}) when above 0. InferenceX's benchmark_serving.py
     * samples every prompt afresh (its random dataset), so its rows ignore the pool.
     */
    Workload.ClosedLoop workload(MeasuredDeployment row, int requestsPerClient, int datasetEntries) {
        long c = row.concurrency();
        RequestShapes shapes = shapes(row.isl(), row.osl());
        if (datasetEntries > 0 && this == AIPERF) {
            shapes = new DatasetPoolShapes(datasetEntries, shapes);
        }
        return new Workload.ClosedLoop(row.concurrency(), shapes, c * requestsPerClient, 0, 0, 0.0, 1L, path);
    }

    RequestShapes shapes(int isl, int osl) {
        if (lengthRangeRatio >= 1.0) {
            return RequestShapes.fixed(isl, osl);
        }
        return RequestShapes.uniform(low(isl), isl, low(osl), osl);
    }

    private int low(int length) {
        return Math.max(1, (int) (length * lengthRangeRatio));
    }
}
