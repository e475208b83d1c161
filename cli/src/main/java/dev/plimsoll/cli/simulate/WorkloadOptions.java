package dev.plimsoll.cli.simulate;

import dev.plimsoll.cli.RequestShapeOptions;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.InterArrival;
import dev.plimsoll.perfmodel.workload.MultiTurnSessions;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.SharedPrefixShapes;
import dev.plimsoll.perfmodel.workload.SyntheticArrivals;
import dev.plimsoll.perfmodel.workload.TraceFormat;
import dev.plimsoll.perfmodel.workload.TraceTransform;
import dev.plimsoll.perfmodel.workload.Workload;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The clients of {@code plimsoll simulate}: a closed loop (--concurrency), an open loop
 * (--rate, Poisson or gamma), a trace replay (--trace) or multi-turn sessions (--sessions).
 * Exactly one is chosen.
 */
public final class WorkloadOptions {
    /** Closed-loop rounds per client when --requests is not given, as the measured deployments were run. */
    static final int DEFAULT_ROUNDS = 10;

    @Option(names = "--concurrency", paramLabel = "C", order = 20,
            description = "Closed loop: C clients, each sending its next request when its previous one ends "
                    + "(vLLM bench --max-concurrency).")
    Integer concurrency;

    @Option(names = "--requests", paramLabel = "N", order = 21,
            description = "Requests to send. Closed loop: default 10 x C; when N >= 3 x C the first C and the last C "
                    + "are warm-up and cool-down, left out of the statistics. Open loop: stop after N.")
    Long requests;

    @Option(names = "--think-time", paramLabel = "MS", order = 22,
            description = "Closed loop: pause of a client between a response and its next request (default 0).")
    Double thinkTimeMs;

    @Option(names = "--rate", paramLabel = "R", order = 23,
            description = "Open loop: R requests per second, Poisson arrivals (vLLM bench --request-rate).")
    Double rate;

    @Option(names = "--burstiness", paramLabel = "B", order = 24,
            description = "Open loop: gamma arrival gaps of shape B, as vLLM bench --burstiness: 1 is Poisson, below 1 "
                    + "burstier, above 1 steadier (gap CV = 1/sqrt(B)).")
    Double burstiness;

    @Option(names = "--arrival-cv", paramLabel = "CV", order = 25,
            description = "Open loop: gamma arrival gaps with this coefficient of variation (1 is Poisson).")
    Double arrivalCv;

    @Option(names = "--duration", paramLabel = "S", order = 26,
            description = "Open loop: send requests for S seconds. Trace: replay S seconds of it.")
    Double durationS;

    @Option(names = "--trace", paramLabel = "FILE", order = 27,
            description = "Replay a request trace: Azure CSV (TIMESTAMP,ContextTokens,GeneratedTokens) or "
                    + "Mooncake JSONL (timestamp, input_length, output_length, hash_ids).")
    Path trace;

    @Option(names = "--trace-format", paramLabel = "F", order = 28,
            description = "azure or mooncake (default: from the file name, .csv or .jsonl).")
    String traceFormat;

    @Option(names = "--trace-start", paramLabel = "S", order = 29,
            description = "Trace: skip its first S seconds.")
    Double traceStartS;

    @Option(names = "--time-scale", paramLabel = "X", order = 30,
            description = "Trace: stretch time by X (2 = half the request rate).")
    Double timeScale;

    @Option(names = "--rate-scale", paramLabel = "X", order = 31,
            description = "Trace: multiply the request rate by X (2 = twice the load).")
    Double rateScale;

    @Option(names = "--max-requests", paramLabel = "N", order = 32,
            description = "Trace: replay at most N requests.")
    Long maxRequests;

    @Option(names = "--sessions", paramLabel = "N", order = 32,
            description = "Multi-turn chat: N sessions starting as a Poisson process (--session-rate); each turn's "
                    + "prompt is the conversation so far plus --isl new tokens, its reply --osl tokens is appended, "
                    + "and the next turn follows a think time after the reply.")
    Integer sessions;

    @Option(names = "--session-rate", paramLabel = "R", order = 32,
            description = "Sessions: R new sessions per second.")
    Double sessionRate;

    @Option(names = "--turns", paramLabel = "A-B", order = 32,
            description = "Sessions: turns per session, uniform from A to B (default ${DEFAULT-VALUE}).")
    String turns = "5-20";

    @Option(names = "--think", paramLabel = "A-B", order = 32,
            description = "Sessions: seconds between a reply and the next turn, uniform from A to B (default "
                    + "${DEFAULT-VALUE}).")
    String think = "2-30";

    // --isl --osl --shared-prefix: the request sizes plan, simulate and estimate read alike
    @ArgGroup(validate = false, order = 33)
    RequestShapeOptions shape = new RequestShapeOptions();

    @Option(names = "--prefix-groups", paramLabel = "G", order = 36,
            description = "Distinct shared prefixes, each request picking one at random (default 1).")
    Integer prefixGroups;

    /** Which kind of workload the options chose. */
    public enum Kind {
        CLOSED_LOOP, OPEN_LOOP, TRACE, SESSIONS
    }

    /** Checks every value and combination, before anything expensive runs. */
    public Kind validate() {
        List<String> chosen = new ArrayList<>();
        if (concurrency != null) {
            chosen.add("--concurrency");
        }
        if (rate != null) {
            chosen.add("--rate");
        }
        if (trace != null) {
            chosen.add("--trace");
        }
        if (sessions != null) {
            chosen.add("--sessions");
        }
        if (chosen.isEmpty()) {
            throw new UserInputException("choose a workload: --concurrency C (closed loop), --rate R (open loop),"
                    + " --trace FILE (replay) or --sessions N (multi-turn chat)");
        }
        if (chosen.size() > 1) {
            throw new UserInputException(String.join(" and ", chosen) + " are exclusive: choose one workload");
        }
        Kind kind = kind();
        Checks.positive("--concurrency", concurrency);
        Checks.positive("--sessions", sessions);
        Checks.positive("--session-rate", sessionRate);
        Checks.onlyWith("--session-rate", sessionRate, kind == Kind.SESSIONS, "to --sessions");
        if (kind == Kind.SESSIONS) {
            if (sessionRate == null) {
                throw new UserInputException("--sessions needs --session-rate R (new sessions per second)");
            }
            range("--turns", turns);
            range("--think", think);
            Checks.onlyWith("--requests", requests, false, "to --concurrency and --rate; --sessions takes N sessions");
            Checks.onlyWith("--duration", durationS, false, "to --rate and --trace; --sessions takes N sessions");
        }
        Checks.positive("--requests", requests);
        Checks.nonNegative("--think-time", thinkTimeMs);
        Checks.positive("--rate", rate);
        Checks.positive("--burstiness", burstiness);
        Checks.positive("--arrival-cv", arrivalCv);
        Checks.positive("--duration", durationS);
        Checks.nonNegative("--trace-start", traceStartS);
        Checks.positive("--time-scale", timeScale);
        Checks.positive("--rate-scale", rateScale);
        Checks.positive("--max-requests", maxRequests);
        Checks.positive("--isl", shape.isl());
        Checks.positive("--osl", shape.osl());
        Checks.nonNegative("--shared-prefix", shape.sharedPrefix());
        Checks.positive("--prefix-groups", prefixGroups);

        boolean closed = kind == Kind.CLOSED_LOOP;
        boolean open = kind == Kind.OPEN_LOOP;
        boolean replay = kind == Kind.TRACE;
        Checks.onlyWith("--think-time", thinkTimeMs, closed, "to a closed loop (--concurrency)");
        Checks.onlyWith("--requests", requests, !replay, "to --concurrency and --rate; a trace takes --max-requests");
        Checks.onlyWith("--burstiness", burstiness, open, "to an open loop (--rate)");
        Checks.onlyWith("--arrival-cv", arrivalCv, open, "to an open loop (--rate)");
        Checks.onlyWith("--duration", durationS, !closed, "to --rate and --trace; a closed loop takes --requests");
        Checks.onlyWith("--trace-format", traceFormat, replay, "to --trace");
        Checks.onlyWith("--trace-start", traceStartS, replay, "to --trace");
        Checks.onlyWith("--time-scale", timeScale, replay, "to --trace");
        Checks.onlyWith("--rate-scale", rateScale, replay, "to --trace");
        Checks.onlyWith("--max-requests", maxRequests, replay, "to --trace; --concurrency and --rate take --requests");
        if (burstiness != null && arrivalCv != null) {
            throw new UserInputException("--burstiness and --arrival-cv both set the arrival burstiness: give one");
        }
        if (timeScale != null && rateScale != null) {
            throw new UserInputException("--time-scale and --rate-scale both set the replay speed: give one");
        }
        if (open && requests == null && durationS == null) {
            throw new UserInputException("--rate needs --duration S or --requests N to know when to stop");
        }
        if (replay) {
            if (shape.isl() != null || shape.osl() != null || shape.sharedPrefix() != null || prefixGroups != null) {
                throw new UserInputException((shape.isl() != null ? "--isl" : shape.osl() != null ? "--osl"
                        : shape.sharedPrefix() != null ? "--shared-prefix" : "--prefix-groups")
                        + " does not apply to --trace: request sizes come from the trace");
            }
            if (!Files.isRegularFile(trace)) {
                throw new UserInputException(trace + ": trace file not found");
            }
            format();
        } else {
            if (shape.isl() == null || shape.osl() == null) {
                throw new UserInputException(chosen.get(0) + " needs --isl and --osl (tokens in and out per request)");
            }
            Checks.onlyWith("--prefix-groups", prefixGroups, shape.sharedPrefix() != null && shape.sharedPrefix() > 0,
                    "with --shared-prefix T > 0");
            if (shape.sharedPrefix() != null && shape.sharedPrefix() >= shape.isl() && kind != Kind.SESSIONS) {
                throw new UserInputException("--shared-prefix must be smaller than --isl " + shape.isl() + ", got "
                        + shape.sharedPrefix());
            }
        }
        return kind;
    }

    public Kind kind() {
        return concurrency != null ? Kind.CLOSED_LOOP : rate != null ? Kind.OPEN_LOOP
                : sessions != null ? Kind.SESSIONS : Kind.TRACE;
    }

    static double[] range(String option, String text) {
        return KvTierSizes.range(option, text);
    }

    private Workload sessionWorkload(long seed) {
        double[] t = range("--turns", turns);
        double[] th = range("--think", think);
        int prefix = shape.sharedPrefix() == null ? 0 : shape.sharedPrefix();
        return new Workload.Sessions(new MultiTurnSessions(sessionRate, sessions, (int) t[0], (int) t[1],
                th[0] * 1000.0, th[1] * 1000.0, prefix, prefixGroups == null ? 1 : prefixGroups,
                shape.isl(), shape.isl(), shape.osl(), shape.osl(),
                MultiTurnSessions.DEFAULT_HASH_BLOCK_TOKENS), seed);
    }

    TraceFormat format() {
        if (traceFormat == null) {
            return TraceFormat.detect(trace);
        }
        switch (traceFormat.toLowerCase(Locale.ROOT)) {
            case "azure":
            case "azure-csv":
                return TraceFormat.AZURE_CSV;
            case "mooncake":
            case "mooncake-jsonl":
                return TraceFormat.MOONCAKE_JSONL;
            default:
                throw new UserInputException("--trace-format must be azure or mooncake, got '" + traceFormat + "'");
        }
    }

    /** Closed loop: requests in total. */
    long closedLoopRequests() {
        return requests != null ? requests : (long) concurrency * DEFAULT_ROUNDS;
    }

    /** Closed loop: requests left out at each end (warm-up and cool-down). */
    long closedLoopMargin() {
        return closedLoopRequests() >= 3L * concurrency ? concurrency : 0;
    }

    /** The workload, its random choices seeded by {@code seed}. */
    public Workload build(long seed) {
        switch (kind()) {
            case CLOSED_LOOP:
                return new Workload.ClosedLoop(concurrency, shapes(), closedLoopRequests(), closedLoopMargin(),
                        closedLoopMargin(), thinkTimeMs == null ? 0.0 : thinkTimeMs, seed);
            case OPEN_LOOP:
                return openLoop(seed);
            case SESSIONS:
                return sessionWorkload(seed);
            default:
                TraceTransform t = new TraceTransform(traceStartS == null ? 0 : traceStartS * 1000.0,
                        durationS == null ? Double.POSITIVE_INFINITY : durationS * 1000.0,
                        rateScale != null ? rateScale : timeScale != null ? 1.0 / timeScale : 1.0,
                        maxRequests == null ? Long.MAX_VALUE : maxRequests);
                return Workload.trace(trace, format(), t);
        }
    }

    private Workload openLoop(long seed) {
        InterArrival process;
        String arrivals;
        if (burstiness != null || arrivalCv != null) {
            double cv = arrivalCv != null ? arrivalCv : 1.0 / Math.sqrt(burstiness);
            process = InterArrival.gamma(rate, cv);
            arrivals = String.format(Locale.ROOT, "gamma %s req/s cv %.3g", Checks.show(rate), cv);
        } else {
            process = InterArrival.poisson(rate);
            arrivals = "poisson " + Checks.show(rate) + " req/s";
        }
        long limit = requests == null ? Long.MAX_VALUE : requests;
        double durationMs = durationS == null ? Double.POSITIVE_INFINITY : durationS * 1000.0;
        RequestShapes shapes = shapes();
        String description = arrivals + (durationS != null ? " for " + Checks.show(durationS) + " s" : "")
                + (requests != null ? ", at most " + requests + " requests" : "");
        return new Workload.OpenLoop(description,
                () -> new SyntheticArrivals(process, shapes, limit, durationMs, seed));
    }

    private RequestShapes shapes() {
        if (shape.sharedPrefix() == null || shape.sharedPrefix() == 0) {
            return RequestShapes.fixed(shape.isl(), shape.osl());
        }
        // one hashed block spanning the whole shared prefix: requests share it entirely or not at all
        return new SharedPrefixShapes(prefixGroups == null ? 1 : prefixGroups, shape.sharedPrefix(),
                shape.isl() - shape.sharedPrefix(), shape.osl(),
                shape.sharedPrefix());
    }

    /** The options as given, for the JSON echo. */
    public Map<String, Object> echo() {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (kind()) {
            case CLOSED_LOOP:
                m.put("kind", "closed_loop");
                m.put("concurrency", concurrency);
                m.put("requests", closedLoopRequests());
                m.put("warmup_requests", closedLoopMargin());
                m.put("cooldown_requests", closedLoopMargin());
                m.put("think_time_ms", thinkTimeMs == null ? 0.0 : thinkTimeMs);
                break;
            case SESSIONS:
                m.put("kind", "sessions");
                m.put("sessions", sessions);
                m.put("session_rate_per_s", sessionRate);
                m.put("turns", turns);
                m.put("think_s", think);
                break;
            case OPEN_LOOP:
                m.put("kind", "open_loop");
                m.put("rate_per_s", rate);
                m.put("arrivals", burstiness == null && arrivalCv == null ? "poisson" : "gamma");
                m.put("arrival_cv", arrivalCv != null ? arrivalCv : burstiness != null ? 1.0 / Math.sqrt(burstiness)
                        : 1.0);
                m.put("duration_s", durationS);
                m.put("requests", requests);
                break;
            default:
                m.put("kind", "trace");
                m.put("trace", trace.toString());
                m.put("trace_format", format().key());
                m.put("trace_start_s", traceStartS == null ? 0.0 : traceStartS);
                m.put("duration_s", durationS);
                m.put("rate_scale", rateScale != null ? rateScale : timeScale != null ? 1.0 / timeScale : 1.0);
                m.put("max_requests", maxRequests);
                break;
        }
        if (kind() != Kind.TRACE) {
            m.put("isl", shape.isl());
            m.put("osl", shape.osl());
            m.put("shared_prefix_tokens", shape.sharedPrefix() == null ? 0 : shape.sharedPrefix());
            m.put("prefix_groups", shape.sharedPrefix() == null || shape.sharedPrefix() == 0 ? 0
                    : prefixGroups == null ? 1 : prefixGroups);
        }
        return m;
    }
}
