package dev.plimsoll.cli.output;

import dev.plimsoll.perfmodel.validate.ErrorSummary;
import dev.plimsoll.perfmodel.validate.PromptLengthFit;
import dev.plimsoll.perfmodel.validate.RowPrediction;
import dev.plimsoll.perfmodel.validate.Scorecard;
import dev.plimsoll.perfmodel.validate.ValidationReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON of {@code plimsoll validate --measured}; errors as fractions (0.12 = 12%). */
public final class ValidationJson {
    private ValidationJson() {
    }

    public static Map<String, Object> of(ValidationReport r, boolean perRow) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", r.headline().rows());
        m.put("covered", r.covered());
        m.put("coverage", Json.round(r.coverage(), 4));
        putErrors(m, r.overall());
        m.put("underspecified", scorecard(r.underspecified()));
        Map<String, Object> gpus = new LinkedHashMap<>();
        r.gpus().forEach((system, card) -> gpus.put(system, scorecard(card)));
        m.put("gpus", gpus);
        List<Map<String, Object>> uncovered = new ArrayList<>();
        for (ValidationReport.Uncovered u : r.uncovered()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", u.id());
            row.put("line", u.line());
            row.put("group", u.group());
            row.put("why", u.reason());
            row.put("underspecified", u.underspecified());
            uncovered.add(row);
        }
        m.put("uncovered", uncovered);
        m.put("groups", groups(r.groups()));
        m.put("underspecified_groups", groups(r.underspecified().groups()));
        m.put("ttft_by_prompt_length", promptLengthFits(PromptLengthFit.of(r.predictions())));
        if (perRow) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RowPrediction p : r.predictions()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", p.row().id());
                row.put("measured_ttft_ms", Json.round(p.row().ttftMs(), 3));
                row.put("predicted_ttft_ms", Json.round(p.predictedTtftMs(), 3));
                row.put("measured_tpot_ms", Json.round(p.row().tpotMs(), 4));
                row.put("predicted_tpot_ms", Json.round(p.predictedTpotMs(), 4));
                row.put("system", p.row().system());
                row.put("underspecified", p.row().underspecified());
                if (!p.assumption().isEmpty()) {
                    row.put("assumption", p.assumption());
                }
                rows.add(row);
            }
            m.put("predictions", rows);
        }
        return m;
    }

    private static Map<String, Object> scorecard(Scorecard card) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", card.rows());
        m.put("covered", card.covered());
        m.put("coverage", Json.round(card.coverage(), 4));
        putErrors(m, card.overall());
        return m;
    }

    private static List<Map<String, Object>> groups(Map<String, ErrorSummary> summaries) {
        List<Map<String, Object>> groups = new ArrayList<>();
        summaries.forEach((key, e) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            String[] parts = key.split(" ");
            g.put("model", parts[0]);
            g.put("backend", parts[1]);
            g.put("mode", parts[2]);
            g.put("rows", e.rows());
            putErrors(g, e);
            groups.add(g);
        });
        return groups;
    }

    private static List<Map<String, Object>> promptLengthFits(List<PromptLengthFit> fits) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PromptLengthFit f : fits) {
            Map<String, Object> g = new LinkedHashMap<>();
            String[] parts = f.group().split(" ");
            g.put("model", parts[0]);
            g.put("backend", parts[1]);
            g.put("mode", parts[2]);
            g.put("clients", f.clients());
            g.put("lines", f.lines());
            g.put("measured_ms_per_1k_tokens", Json.round(f.measuredMsPer1kTokens(), 2));
            g.put("predicted_ms_per_1k_tokens", Json.round(f.predictedMsPer1kTokens(), 2));
            g.put("measured_fixed_ms", Json.round(f.measuredFixedMs(), 1));
            g.put("predicted_fixed_ms", Json.round(f.predictedFixedMs(), 1));
            out.add(g);
        }
        return out;
    }

    private static void putErrors(Map<String, Object> m, ErrorSummary e) {
        m.put("ttft_median_ape", Json.round(e.ttftMedianApe(), 4));
        m.put("ttft_p90_ape", Json.round(e.ttftP90Ape(), 4));
        m.put("tpot_median_ape", Json.round(e.tpotMedianApe(), 4));
        m.put("tpot_p90_ape", Json.round(e.tpotP90Ape(), 4));
        m.put("ttft_bias", Json.round(e.ttftBias(), 4));
        m.put("tpot_bias", Json.round(e.tpotBias(), 4));
    }
}
