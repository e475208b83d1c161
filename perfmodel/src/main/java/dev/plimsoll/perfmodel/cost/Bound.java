package dev.plimsoll.perfmodel.cost;

/** What limits an op's time. */
public enum Bound {
    COMPUTE,
    MEMORY,
    COMMUNICATION,
    OVERHEAD;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
