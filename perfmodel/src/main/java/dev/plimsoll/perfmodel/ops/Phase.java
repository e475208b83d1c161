package dev.plimsoll.perfmodel.ops;

/** Which part of serving a step belongs to. */
public enum Phase {
    PREFILL,
    DECODE,
    MIXED;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
