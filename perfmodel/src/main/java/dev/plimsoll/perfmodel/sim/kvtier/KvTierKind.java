package dev.plimsoll.perfmodel.sim.kvtier;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/**
 * The KV-cache tiers below GPU memory, fastest first (Dynamo KVBM's G2 host, G3 disk, G4 remote;
 * SGLang HiCache's L2 host and L3 storage; LMCache's CPU, local disk and remote backends).
 */
public enum KvTierKind {
    /** Pinned host memory, reached over PCIe or NVLink-C2C. */
    HOST(0.75),
    /** Local NVMe. */
    DISK(0.25),
    /** Remote storage over the network (Mooncake store, 3FS, object storage). */
    REMOTE(0.25);

    /**
     * The KV router's credit for a prefix block found in this tier, against 1.0 in GPU memory:
     * Dynamo's --router-host-cache-hit-weight 0.75 and --router-disk-cache-hit-weight 0.25 ("disk
     * or other lower-tier cache hits"), Frontend Configuration Reference.
     */
    private final double routerCredit;

    KvTierKind(double routerCredit) {
        this.routerCredit = routerCredit;
    }

    public double routerCredit() {
        return routerCredit;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KvTierKind of(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "host":
            case "cpu":
            case "g2":
                return HOST;
            case "disk":
            case "ssd":
            case "nvme":
            case "g3":
                return DISK;
            case "remote":
            case "storage":
            case "g4":
                return REMOTE;
            default:
                throw new UserInputException("unknown KV tier '" + name + "'; expected host, disk or remote");
        }
    }
}
