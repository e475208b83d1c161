package dev.plimsoll.optimizer.search;

import java.util.Locale;

/** Aggregated (every replica prefills and decodes) or disaggregated (separate pools). */
public enum Architecture {
    AGGREGATED,
    DISAGGREGATED;

    public String key() {
        return this == AGGREGATED ? "agg" : "disagg";
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
