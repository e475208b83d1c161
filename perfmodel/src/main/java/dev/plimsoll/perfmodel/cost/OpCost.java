package dev.plimsoll.perfmodel.cost;

/** Time of one call of an op, what bounds it and where the number came from. */
public record OpCost(double timeMs, Bound bound, Provenance provenance) {
    public OpCost {
        if (!(timeMs >= 0) || Double.isInfinite(timeMs)) {
            throw new IllegalArgumentException("op time must be finite and >= 0, got " + timeMs);
        }
    }
}
