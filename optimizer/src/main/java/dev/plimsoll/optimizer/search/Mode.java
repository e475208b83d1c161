package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/** Which serving architectures the search considers. */
public enum Mode {
    /** Every replica runs prefill and decode. */
    AGG,
    /** Separate prefill and decode pools joined by a KV transfer link. */
    DISAGG,
    /** Both, compared against each other. */
    BOTH;

    public boolean includesAggregated() {
        return this != DISAGG;
    }

    public boolean includesDisaggregated() {
        return this != AGG;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode of(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "agg":
            case "aggregated":
                return AGG;
            case "disagg":
            case "disaggregated":
                return DISAGG;
            case "both":
                return BOTH;
            default:
                throw new UserInputException("--mode must be agg, disagg or both, got '" + value + "'");
        }
    }
}
