package dev.plimsoll.perfmodel.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The single-node search spaces of InferenceX's configurations that run speculative decoding and of the
 * plain configurations of the same model, GPU, precision and framework, transcribed from
 * SemiAnalysisAI/InferenceX {@code .github/configs/nvidia-master.yaml} at commit 12ba0ae (2026-03-25;
 * resource {@value #RESOURCE}). A row records no speculative-decoding column, so a measured point is
 * taken for an MTP run only where InferenceX's public configuration leaves no other reading: an
 * {@code -mtp} configuration's search space defines the point and no plain configuration does. A point
 * both define is {@link Reading#AMBIGUOUS} and scored as a plain run.
 *
 * <p>The matrix generator (utils/matrix_logic/generate_sweep_configs.py) gives every search-space entry
 * {@code ep: 1} and {@code dp-attn: false} unless it says otherwise and sweeps the concurrency from
 * {@code conc-start}, doubling ({@code --step-size 2}) and capped at {@code conc-end}.
 */
final class InferenceXSearchSpaces {
    static final String RESOURCE = "inferencex/search-spaces-12ba0ae.csv";
    /** The matrix generator's default --step-size: each concurrency doubles the last. */
    static final int CONCURRENCY_STEP = 2;

    /** How InferenceX's configurations read a measured point. */
    enum Reading {
        /** Defined by an -mtp configuration and by no plain one. */
        MTP,
        /** Defined by both an -mtp and a plain configuration: scored as plain. */
        AMBIGUOUS,
        /** Defined by no -mtp configuration. */
        PLAIN
    }

    /**
     * A benchmark point of InferenceX's matrix.
     *
     * @param modelPrefix its configuration's model-prefix ({@code dsr1}, {@code qwen3.5})
     * @param runner      the GPU runner ({@code h200}, {@code b200})
     * @param precision   {@code fp8}, {@code fp4}, {@code int4}, {@code bf16}
     * @param framework   {@code trt}, {@code sglang}, {@code vllm}
     * @param tp          $TP
     * @param ep          $EP_SIZE
     * @param dpAttention $DP_ATTENTION
     */
    record Point(String modelPrefix, String runner, String precision, String framework, int isl, int osl, int tp,
                 int ep, boolean dpAttention, int concurrency) {
    }

    /** One search-space entry of one configuration. */
    record Entry(String config, String modelPrefix, String runner, String precision, String framework,
                 boolean mtp, int isl, int osl, int tp, int ep, boolean dpAttention, int concStart, int concEnd) {
        boolean defines(Point p) {
            return modelPrefix.equals(p.modelPrefix()) && runner.equals(p.runner())
                    && precision.equals(p.precision()) && framework.equals(p.framework()) && isl == p.isl()
                    && osl == p.osl() && tp == p.tp() && ep == p.ep() && dpAttention == p.dpAttention()
                    && sweeps(p.concurrency());
        }

        /** The generator's concurrency sweep: conc-start, doubling, capped at conc-end. */
        private boolean sweeps(int concurrency) {
            for (int c = concStart; c <= concEnd; c = c == concEnd ? concEnd + 1 : Math.min(concEnd, c * CONCURRENCY_STEP)) {
                if (c == concurrency) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Entry> entries;

    InferenceXSearchSpaces(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The transcription shipped in the jar. */
    static InferenceXSearchSpaces bundled() {
        return Holder.BUNDLED;
    }

    /** How the configurations read a point, and the -mtp configuration that defines it. */
    record Match(Reading reading, Optional<String> mtpConfig) {
    }

    Match read(Point p) {
        Optional<String> mtp = entries.stream().filter(e -> e.mtp() && e.defines(p)).map(Entry::config).findFirst();
        if (mtp.isEmpty()) {
            return new Match(Reading.PLAIN, Optional.empty());
        }
        boolean plain = entries.stream().anyMatch(e -> !e.mtp() && e.defines(p));
        return plain ? new Match(Reading.AMBIGUOUS, Optional.empty()) : new Match(Reading.MTP, mtp);
    }

    /** Parses the transcription: {@code #} comments, a header, then one entry a line. */
    static List<Entry> parse(BufferedReader in) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String[] f : BundledTable.records(in)) {
            out.add(new Entry(f[0], f[1], f[2], f[3], f[4], "mtp".equals(f[5]), Integer.parseInt(f[6]),
                    Integer.parseInt(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9]),
                    Boolean.parseBoolean(f[10]), Integer.parseInt(f[11]), Integer.parseInt(f[12])));
        }
        return out;
    }

    private static final class Holder {
        static final InferenceXSearchSpaces BUNDLED = BundledTable.load(RESOURCE,
                in -> new InferenceXSearchSpaces(parse(in)));
    }
}
