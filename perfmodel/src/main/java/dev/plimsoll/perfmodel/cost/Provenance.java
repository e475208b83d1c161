package dev.plimsoll.perfmodel.cost;

/** How an op's time was obtained, from most to least trustworthy. */
public enum Provenance {
    /** An exact row of a measured table. */
    MEASURED,
    /** Between measured points of the same GPU and kernel. */
    INTERPOLATED,
    /** From the nearest measured shape, or another GPU's curves scaled by spec ratios. */
    TRANSFERRED,
    /** Outside the measured range, boundary utilisation held. */
    EXTRAPOLATED,
    /** Analytic roofline with efficiencies from the hardware spec. */
    ROOFLINE;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
