package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads measured deployments in the column layout of NVIDIA AIConfigurator's e2e "silicon"
 * results (shared/data/e2e/h100_sxm.csv, documented in shared/data/README.md).
 */
public final class AicSiliconReader {
    static final List<String> REQUIRED = List.of("id", "concurrency", "backend", "model_path", "system", "mode", "isl",
            "osl", "gemm_quant_mode", "moe_quant_mode", "tp_size", "pp_size", "attention_dp_size", "moe_tp_size",
            "moe_ep_size", "batch_size", "prefill_num_workers", "prefill_tp_size", "prefill_pp_size",
            "prefill_attention_dp_size", "prefill_moe_tp_size", "prefill_moe_ep_size", "prefill_batch_size",
            "decode_num_workers", "decode_tp_size", "decode_pp_size", "decode_attention_dp_size", "decode_moe_tp_size",
            "decode_moe_ep_size", "decode_batch_size", "silicon_ttft_ms", "silicon_tpot_ms");

    private AicSiliconReader() {
    }

    /**
     * Reads every line of {@code file}. A file that cannot be read, has no header, lacks a required
     * column or has no line after its header is refused; a line with a bad cell is returned as
     * malformed, with file, line and column in its reason.
     */
    public static MeasuredFile read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new UserInputException(file + ": empty file, expected an aic-silicon CSV header");
            }
            Map<String, Integer> cols = new HashMap<>();
            String[] names = header.split(",", -1);
            for (int i = 0; i < names.length; i++) {
                cols.put(names[i].trim(), i);
            }
            List<String> missing = new ArrayList<>();
            for (String c : REQUIRED) {
                if (!cols.containsKey(c)) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                throw new UserInputException(file + ":1: missing column(s) " + String.join(", ", missing)
                        + " of the aic-silicon format");
            }
            List<MeasuredDeployment> rows = new ArrayList<>();
            List<MeasuredFile.MalformedRow> malformed = new ArrayList<>();
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                Row row = new Row(file, n, line.split(",", -1), cols);
                try {
                    rows.add(row.parse());
                } catch (UserInputException e) {
                    malformed.add(new MeasuredFile.MalformedRow(n, row.text("id"), e.getMessage()));
                }
            }
            if (rows.isEmpty() && malformed.isEmpty()) {
                throw new UserInputException(file + ": no deployments after the header");
            }
            return new MeasuredFile(rows, malformed);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** One CSV line with its column index. */
    private static final class Row {
        private final Path file;
        private final int line;
        private final String[] cells;
        private final Map<String, Integer> cols;

        Row(Path file, int line, String[] cells, Map<String, Integer> cols) {
            this.file = file;
            this.line = line;
            this.cells = cells;
            this.cols = cols;
        }

        MeasuredDeployment parse() {
            boolean disagg = "disagg".equals(text("mode"));
            if (!disagg && !"agg".equals(text("mode"))) {
                throw error("mode", "must be agg or disagg, got '" + text("mode") + "'");
            }
            PoolLayout agg = disagg ? null : pool("");
            PoolLayout prefill = disagg ? pool("prefill_") : null;
            PoolLayout decode = disagg ? pool("decode_") : null;
            return new MeasuredDeployment(text("id"), line, optionalInt("concurrency"), text("backend"),
                    cols.containsKey("backend_version") ? text("backend_version") : "", text("model_path"),
                    text("system"), disagg, positiveInt("isl"), positiveInt("osl"), text("gemm_quant_mode"),
                    text("moe_quant_mode"), agg, prefill, decode, positiveDouble("silicon_ttft_ms"),
                    positiveDouble("silicon_tpot_ms"));
        }

        /**
         * A pool as launched. An engine's expert layout spans all its GPUs (moe_tp x moe_ep = tp x
         * attention DP in every row that records both consistently); vLLM and SGLang have one tensor-
         * parallel group for attention and experts (--tensor-parallel-size / --tp-size), so a row
         * whose expert layout spans more GPUs than its attention TP x DP ran that many GPUs, its
         * attention split over them. AIConfigurator's vLLM deployment rule writes the same
         * (generator/rule_plugin/vllm.rule, "Enforce vLLM MoE parallelism": tensor_parallel_size =
         * moe_tp x moe_ep / dp); its benchmark rule does not say (docs/validation.md, "Checked and
         * not applied", Qwen3-235B on vLLM 0.12).
         */
        private PoolLayout pool(String prefix) {
            int tp = atLeastOne(prefix + "tp_size");
            int dp = atLeastOne(prefix + "attention_dp_size");
            int moeTp = atLeastOne(prefix + "moe_tp_size");
            int moeEp = atLeastOne(prefix + "moe_ep_size");
            int expertGpus = moeTp * moeEp;
            if (expertGpus > tp * dp && expertGpus % dp == 0) {
                tp = expertGpus / dp;
            }
            return new PoolLayout(tp, atLeastOne(prefix + "pp_size"), dp, moeTp, moeEp,
                    prefix.isEmpty() ? 1 : optionalInt(prefix + "num_workers"), optionalInt(prefix + "batch_size"));
        }

        private String text(String col) {
            int i = cols.get(col);
            return i < cells.length ? cells[i].trim() : "";
        }

        /** Empty or 0 reads as 1 (the file writes 0 for "not split"). */
        private int atLeastOne(String col) {
            return Math.max(1, optionalInt(col));
        }

        private int optionalInt(String col) {
            String v = text(col);
            if (v.isEmpty()) {
                return 0;
            }
            try {
                int x = Integer.parseInt(v);
                if (x < 0) {
                    throw error(col, "must not be negative, got " + v);
                }
                return x;
            } catch (NumberFormatException e) {
                throw error(col, "must be an integer, got '" + v + "'");
            }
        }

        private int positiveInt(String col) {
            int v = optionalInt(col);
            if (v <= 0) {
                throw error(col, "must be a positive integer, got '" + text(col) + "'");
            }
            return v;
        }

        private double positiveDouble(String col) {
            String v = text(col);
            try {
                double x = Double.parseDouble(v);
                if (!(x > 0) || Double.isInfinite(x)) {
                    throw error(col, "must be a positive number, got " + v);
                }
                return x;
            } catch (NumberFormatException e) {
                throw error(col, "must be a number, got '" + v + "'");
            }
        }

        private UserInputException error(String col, String what) {
            return new UserInputException(file + ":" + line + ": column " + col + " " + what);
        }
    }
}
