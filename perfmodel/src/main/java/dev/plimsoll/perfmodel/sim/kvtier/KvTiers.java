package dev.plimsoll.perfmodel.sim.kvtier;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The KV tiers of every worker of a pool below its GPU memory, fastest first, and when blocks are
 * written to them.
 *
 * <p>How the simulator uses them (stated assumptions):
 * <ul>
 *   <li>Each tier is an LRU cache of prefix blocks (KVBM and HiCache evict least recently used).
 *       A block the host tier evicts moves down to the next tier, if any (KVBM offloads G2 to G3);
 *       one the last tier evicts is dropped.</li>
 *   <li>Blocks reach host memory by the {@link WritePolicy}. Writes run beside compute and delay
 *       nothing (PCIe and C2C are full duplex; KVBM and HiCache write on their own streams); a
 *       written block is readable at once.</li>
 *   <li>Onboarding: a request whose prompt continues, past the prefix cached on the GPU, in a
 *       lower tier gets GPU blocks for that part and waits while they are read; the engine keeps
 *       running its other requests meanwhile, and the request is then scheduled with those
 *       tokens computed (KVBM's default inter-pass onboarding, kvbm-config OnboardMode::Inter;
 *       vLLM's KV connector WAITING_FOR_REMOTE_KVS). Its time to first token is so the transfer
 *       plus the prefill of the rest. Reads of one tier queue on its link, FIFO; tiers read in
 *       parallel.</li>
 * </ul>
 *
 * @param tiers  host, then disk, then remote; each at most once, and a lower tier only under a host
 *               tier (KVBM stages G3 and G4 through G2)
 * @param policy when blocks are written to host memory
 */
public record KvTiers(List<KvTierSpec> tiers, WritePolicy policy) {
    public static final KvTiers NONE = new KvTiers(List.of(), WritePolicy.WRITE_THROUGH);

    public KvTiers {
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(policy, "policy");
        Set<KvTierKind> seen = EnumSet.noneOf(KvTierKind.class);
        KvTierKind last = null;
        for (KvTierSpec t : tiers) {
            if (!seen.add(t.kind())) {
                throw new UserInputException("KV tier " + t.kind().key() + " is given twice");
            }
            if (last != null && t.kind().ordinal() < last.ordinal()) {
                throw new UserInputException("KV tiers must be listed fastest first (host, disk, remote), got "
                        + tiers.stream().map(s -> s.kind().key()).collect(Collectors.joining(",")));
            }
            last = t.kind();
        }
        if (!tiers.isEmpty() && tiers.get(0).kind() != KvTierKind.HOST) {
            throw new UserInputException("a " + tiers.get(0).kind().key() + " KV tier needs a host tier above it"
                    + " (KVBM and HiCache stage disk and remote blocks through host memory)");
        }
    }

    public boolean enabled() {
        return !tiers.isEmpty();
    }

    public int size() {
        return tiers.size();
    }

    public KvTierSpec get(int level) {
        return tiers.get(level);
    }

    /** "host 512 GB, disk 4000 GB, write-through". */
    public String describe() {
        if (!enabled()) {
            return "GPU only";
        }
        return tiers.stream().map(t -> String.format(java.util.Locale.ROOT, "%s %.0f GB (%.0f GB/s)", t.kind().key(),
                t.capacityBytes() / 1e9, t.readBytesPerS() / 1e9)).collect(Collectors.joining(", "))
                + ", " + policy.key();
    }
}
