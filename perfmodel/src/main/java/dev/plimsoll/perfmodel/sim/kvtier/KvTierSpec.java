package dev.plimsoll.perfmodel.sim.kvtier;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Objects;

/**
 * One KV tier of a worker (an engine replica): how much it holds and how fast blocks move between
 * it and the GPUs.
 *
 * @param kind            host, disk or remote
 * @param capacityBytes   KV bytes the tier holds for the worker
 * @param readBytesPerS   tier to GPU bandwidth of the worker, all its GPUs' links together
 * @param writeBytesPerS  GPU to tier bandwidth of the worker
 * @param latencyMs       fixed cost of one transfer (setup, and for storage the access latency)
 * @param source          where the figures come from
 */
public record KvTierSpec(KvTierKind kind, long capacityBytes, double readBytesPerS, double writeBytesPerS,
                         double latencyMs, String source) {
    public KvTierSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        if (capacityBytes <= 0) {
            throw new UserInputException("KV tier " + kind.key() + " needs a capacity > 0 bytes, got " + capacityBytes);
        }
        if (!(readBytesPerS > 0) || !(writeBytesPerS > 0) || Double.isInfinite(readBytesPerS)
                || Double.isInfinite(writeBytesPerS)) {
            throw new UserInputException("KV tier " + kind.key() + " needs finite bandwidths > 0, got read "
                    + readBytesPerS + " B/s, write " + writeBytesPerS + " B/s");
        }
        if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
            throw new UserInputException("KV tier " + kind.key() + " needs a latency >= 0 ms, got " + latencyMs);
        }
    }

    /** Time to move {@code bytes} from the tier to the GPUs, on an idle link. */
    public double readMs(double bytes) {
        return latencyMs + bytes / readBytesPerS * 1000.0;
    }

    /** The same tier with a read rate measured or given by the user; {@code note} is added to the source. */
    public KvTierSpec withReadBytesPerS(double bytesPerS, String note) {
        return new KvTierSpec(kind, capacityBytes, bytesPerS, writeBytesPerS, latencyMs, note + "; " + source);
    }

    public KvTierSpec withCapacityBytes(long bytes) {
        return new KvTierSpec(kind, bytes, readBytesPerS, writeBytesPerS, latencyMs, source);
    }
}
