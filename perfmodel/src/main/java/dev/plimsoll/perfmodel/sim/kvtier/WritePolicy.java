package dev.plimsoll.perfmodel.sim.kvtier;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/** When a block computed on the GPU is copied to host memory. */
public enum WritePolicy {
    /**
     * As soon as it is computed: Dynamo KVBM offloads completed blocks G1 to G2 at the end of the
     * forward pass (KVBM guide: a host cache smaller than the device cache "churns, offloading
     * blocks after every forward pass"); SGLang HiCache --hicache-write-policy write_through
     * (write_through_threshold 1).
     */
    WRITE_THROUGH,
    /**
     * On its second use: SGLang HiCache write_through_selective (a radix node is backed up once
     * its hit count reaches write_through_threshold 2; hiradix_cache.py inc_hit_count).
     */
    WRITE_THROUGH_SELECTIVE,
    /**
     * Only when the GPU cache evicts it: SGLang HiCache write_back (evict() backs a node up before
     * freeing it).
     */
    WRITE_BACK;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static WritePolicy of(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "write-through":
            case "through":
                return WRITE_THROUGH;
            case "write-through-selective":
            case "selective":
                return WRITE_THROUGH_SELECTIVE;
            case "write-back":
            case "back":
                return WRITE_BACK;
            default:
                throw new UserInputException("unknown KV write policy '" + name
                        + "'; expected write-through, write-through-selective or write-back");
        }
    }
}
