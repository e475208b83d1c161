package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.ArrivalSource;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.TraceFormat;
import dev.plimsoll.perfmodel.workload.Workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Request sizes of the planned workload: fixed ISL / OSL, or the sizes of a trace file, with an
 * optional prompt prefix that every request shares (a system prompt) and the prefix cache serves.
 * Arrival timing is not part of it: the {@link LoadTarget} sets the load.
 */
public final class WorkloadSpec {
    /**
     * The shared prefix is counted in whole blocks of this many tokens: vLLM caches only full
     * 16-token blocks (CacheConfig.block_size default), so a 500-token prefix hits 496 tokens.
     */
    public static final int PREFIX_BLOCK_TOKENS = 16;

    private final String description;
    private final RequestShape[] shapes;
    private final RequestShape[] plain;
    private final double prefixShare;
    private final int prefixTokens;
    private final double meanInput;
    private final double meanOutput;
    private final double meanCachedTokens;
    private final int[] sortedInputs;
    private final int[] sortedOutputs;
    private final int maxContextTokens;
    /** Distinct shared prefixes, each request drawing one uniformly (1: one prefix for all). */
    private final int prefixGroups;

    private WorkloadSpec(String description, List<RequestShape> shapes, List<RequestShape> plain, int prefixTokens,
                         double prefixShare) {
        this(description, shapes, plain, prefixTokens, prefixShare, 1);
    }

    private WorkloadSpec(String description, List<RequestShape> shapes, List<RequestShape> plain, int prefixTokens,
                         double prefixShare, int prefixGroups) {
        this.prefixGroups = prefixGroups;
        this.description = description;
        this.shapes = shapes.toArray(new RequestShape[0]);
        this.plain = plain.toArray(new RequestShape[0]);
        this.prefixTokens = prefixTokens;
        this.prefixShare = prefixShare;
        double in = 0;
        double out = 0;
        int max = 0;
        sortedInputs = new int[this.shapes.length];
        sortedOutputs = new int[this.shapes.length];
        for (int i = 0; i < this.shapes.length; i++) {
            RequestShape s = this.shapes[i];
            in += s.inputTokens();
            out += s.outputTokens();
            max = Math.max(max, s.inputTokens() + s.outputTokens());
            sortedInputs[i] = s.inputTokens();
            sortedOutputs[i] = s.outputTokens();
        }
        Arrays.sort(sortedInputs);
        Arrays.sort(sortedOutputs);
        this.meanInput = in / this.shapes.length;
        this.meanOutput = out / this.shapes.length;
        this.maxContextTokens = max;
        // prefixes in groups: credited only for the requests whose group came earlier in a confirming
        // run (what a router with perfect affinity finds from a cold start); the simulation measures the rest
        this.meanCachedTokens = prefixShare * cachedTokens(this.shapes) * repeatShare(prefixGroups)
                + (1 - prefixShare) * cachedTokens(this.plain);
    }

    /**
     * Every request has {@code isl} input and {@code osl} output tokens, the first
     * {@code prefixTokens} of its prompt shared with every other request.
     */
    public static WorkloadSpec fixed(int isl, int osl, int prefixTokens) {
        return fixed(isl, osl, prefixTokens, 1.0);
    }

    /**
     * As {@link #fixed(int, int, int)}, with only a share {@code prefixHitRate} of the requests
     * starting with the shared prefix (the others share nothing).
     */
    public static WorkloadSpec fixed(int isl, int osl, int prefixTokens, double prefixHitRate) {
        if (isl < 1 || osl < 1) {
            throw new UserInputException("--isl and --osl must be >= 1, got " + isl + " and " + osl);
        }
        checkPrefix(prefixTokens, isl);
        checkShare(prefixHitRate);
        String d = "ISL " + isl + ", OSL " + osl + (prefixTokens > 0 ? ", shared prefix " + prefixTokens
                + share(prefixHitRate) : "");
        RequestShape plain = new RequestShape(isl, osl);
        return new WorkloadSpec(d, List.of(withPrefix(plain, prefixTokens)), List.of(plain), prefixTokens,
                prefixTokens > 0 ? prefixHitRate : 1.0);
    }

    /** The request sizes of a trace (Azure CSV or Mooncake JSONL), a shared prefix on top if asked. */
    public static WorkloadSpec fromTrace(Path file, int prefixTokens) {
        return fromTrace(file, prefixTokens, 1.0);
    }

    /**
     * The request sizes of a trace, a shared prefix on a share {@code prefixHitRate} of them if
     * {@code prefixTokens} is positive (the trace's own prefix ids otherwise).
     */
    public static WorkloadSpec fromTrace(Path file, int prefixTokens, double prefixHitRate) {
        if (prefixTokens < 0) {
            throw new UserInputException("--prefix must be >= 0 tokens, got " + prefixTokens);
        }
        checkShare(prefixHitRate);
        List<RequestShape> list = new ArrayList<>();
        List<RequestShape> plain = new ArrayList<>();
        try (ArrivalSource source = Workload.open(file, TraceFormat.detect(file))) {
            for (TimedRequest r = source.next(); r != null; r = source.next()) {
                RequestShape bare = new RequestShape(r.shape().inputTokens(), r.shape().outputTokens());
                list.add(prefixTokens > 0 ? withPrefix(bare, prefixTokens) : r.shape());
                plain.add(prefixTokens > 0 ? bare : r.shape());
            }
        }
        if (list.isEmpty()) {
            throw new UserInputException(file + ": the trace has no requests");
        }
        return new WorkloadSpec("sizes of " + list.size() + " requests from " + file.getFileName()
                + (prefixTokens > 0 ? ", shared prefix " + prefixTokens + share(prefixHitRate) : ""), list, plain,
                prefixTokens, prefixTokens > 0 ? prefixHitRate : 1.0);
    }

    private static void checkShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new UserInputException("--prefix-hit-rate must be in [0, 1], got " + share);
        }
    }

    private static String share(double h) {
        return h >= 1 ? "" : String.format(Locale.ROOT, " on %.0f%% of requests", 100 * h);
    }

    private static void checkPrefix(int prefix, int isl) {
        if (prefix < 0 || prefix >= isl) {
            throw new UserInputException("--prefix must be >= 0 and shorter than the " + isl + "-token prompt, got "
                    + prefix);
        }
    }

    /** The shape with the shared prefix's whole blocks as prefix hashes (group 0, ids 1..k). */
    private static RequestShape withPrefix(RequestShape s, int prefixTokens) {
        int blocks = Math.min(prefixTokens, s.inputTokens() - 1) / PREFIX_BLOCK_TOKENS;
        if (blocks == 0) {
            return s;
        }
        long[] hashes = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            hashes[b] = b + 1;
        }
        return new RequestShape(s.inputTokens(), s.outputTokens(), hashes, PREFIX_BLOCK_TOKENS);
    }

    /**
     * The same sizes with the shared prefix one of {@code groups} distinct prefixes (system prompts of
     * several tenants, documents under discussion), each request drawing its group uniformly. The
     * analytic model credits the prefix only to the share of requests whose group a confirming run
     * has already seen ({@link #repeatShare}: a router with perfect affinity from a cold start); the
     * confirming simulation measures the hit rate each router and the cache capacity give and picks
     * the router.
     */
    public WorkloadSpec withPrefixGroups(int groups) {
        if (groups < 1) {
            throw new UserInputException("--prefix-groups must be >= 1, got " + groups);
        }
        if (groups > 1 && prefixTokens <= 0) {
            throw new UserInputException("--prefix-groups needs a shared prefix (--shared-prefix T)");
        }
        String d = groups == 1 ? description : description + " in " + groups + " groups";
        return new WorkloadSpec(d, List.of(shapes), List.of(plain), prefixTokens, prefixShare, groups);
    }

    /**
     * Requests of a confirming run the group credit is computed over: a run sends at least 300
     * (ProposalSimulator.MIN_REQUESTS).
     */
    static final int GROUP_CREDIT_REQUESTS = 300;

    /**
     * Share of {@link #GROUP_CREDIT_REQUESTS} uniform draws from {@code groups} that repeat an earlier
     * draw: 1 - E[distinct] / n, E[distinct] = g (1 - (1 - 1/g)^n). One group: 1.
     */
    static double repeatShare(int groups) {
        if (groups <= 1) {
            return 1.0;
        }
        double n = GROUP_CREDIT_REQUESTS;
        double distinct = groups * (1 - Math.pow(1 - 1.0 / groups, n));
        return Math.max(0.0, 1 - distinct / n);
    }

    /** Distinct shared prefixes (1: every request that has one shares the same). */
    public int prefixGroups() {
        return prefixGroups;
    }

    /** Ids of group g's block b: g * GROUP_STRIDE + b + 1 (one group's ids never meet another's). */
    private static final long GROUP_STRIDE = 1L << 32;

    private static RequestShape inGroup(RequestShape s, int group) {
        long[] h = s.prefixHashes();
        if (group == 0 || h.length == 0) {
            return s;
        }
        long[] ids = new long[h.length];
        for (int b = 0; b < h.length; b++) {
            ids[b] = group * GROUP_STRIDE + h[b];
        }
        return new RequestShape(s.inputTokens(), s.outputTokens(), ids, s.hashBlockTokens());
    }

    /** Mean prompt tokens an unbounded prefix cache would serve: leading blocks seen before. */
    private static double cachedTokens(RequestShape[] shapes) {
        Set<Long> seen = new HashSet<>();
        double total = 0;
        for (RequestShape s : shapes) {
            long[] h = s.prefixHashes();
            int matched = 0;
            while (matched < h.length && seen.contains(h[matched])) {
                matched++;
            }
            // a request with a single fixed shape is its own predecessor: every request after the first hits
            if (shapes.length == 1) {
                matched = h.length;
            }
            for (long id : h) {
                seen.add(id);
            }
            total += Math.min((long) matched * s.hashBlockTokens(), s.inputTokens() - 1L);
        }
        return total / shapes.length;
    }

    public String description() {
        return description;
    }

    public boolean isFixed() {
        return shapes.length == 1;
    }

    public double meanInputTokens() {
        return meanInput;
    }

    public double meanOutputTokens() {
        return meanOutput;
    }

    /** Mean prompt tokens served from the prefix cache once it is warm. */
    public double meanCachedTokens() {
        return meanCachedTokens;
    }

    /** The shared prefix asked for (before rounding to blocks). */
    public int prefixTokens() {
        return prefixTokens;
    }

    /** Longest input + output of any request. */
    public int maxContextTokens() {
        return maxContextTokens;
    }

    /** Input length at quantile {@code q} (0..1). */
    public int inputQuantile(double q) {
        return quantile(sortedInputs, q);
    }

    /** Output length at quantile {@code q} (0..1). */
    public int outputQuantile(double q) {
        return quantile(sortedOutputs, q);
    }

    private static int quantile(int[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i];
    }

    /**
     * Sizes for the simulator: the fixed shape, or the trace's sizes drawn uniformly with
     * replacement; a request carries the shared prefix with probability {@link #prefixShare()}.
     */
    public RequestShapes shapes() {
        RequestShape[] with = shapes;
        RequestShape[] without = plain;
        double share = prefixShare;
        int groups = prefixGroups;
        if (groups > 1) {
            return random -> {
                int i = with.length == 1 ? 0 : random.nextInt(with.length);
                return share >= 1 || random.nextDouble() < share ? inGroup(with[i], random.nextInt(groups))
                        : without[i];
            };
        }
        if (with.length == 1 && share >= 1) {
            RequestShape only = with[0];
            return random -> only;
        }
        return random -> {
            int i = with.length == 1 ? 0 : random.nextInt(with.length);
            return share >= 1 || random.nextDouble() < share ? with[i] : without[i];
        };
    }

    /** Share of requests that start with the shared prefix. */
    public double prefixShare() {
        return prefixShare;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (mean ISL %.0f, OSL %.0f)", description, meanInput, meanOutput);
    }
}
