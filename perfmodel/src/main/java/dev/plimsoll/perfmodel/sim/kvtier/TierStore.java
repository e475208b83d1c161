package dev.plimsoll.perfmodel.sim.kvtier;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lower KV tiers of one attention-DP rank at run time: for each tier an LRU set of prefix
 * blocks (by id, with their token counts), the time its read link is busy until, and what moved.
 * Not thread-safe; one simulation owns it.
 */
public final class TierStore {
    private final KvTiers tiers;
    private final Level[] levels;
    private final double bytesPerToken;

    private static final class Level {
        final KvTierSpec spec;
        final long capacityTokens;
        final double readBytesPerS;
        final double latencyMs;
        /** Blocks by id, least recently used first. */
        final LinkedHashMap<Long, Integer> blocks = new LinkedHashMap<>(1024, 0.75f, true);
        long heldTokens;
        double readFreeAtMs;
        long hitTokens;
        double readBytes;
        double writtenBytes;

        Level(KvTierSpec spec, long capacityTokens, double readBytesPerS) {
            this.spec = spec;
            this.capacityTokens = capacityTokens;
            this.readBytesPerS = readBytesPerS;
            this.latencyMs = spec.latencyMs();
        }
    }

    /**
     * @param tiers         the worker's tiers
     * @param shareOfWorker this rank's share of the worker's capacity and bandwidth (1 / attention-DP ranks)
     * @param bytesPerToken KV bytes of one token, all layers
     */
    public TierStore(KvTiers tiers, double shareOfWorker, double bytesPerToken) {
        if (!tiers.enabled()) {
            throw new IllegalArgumentException("no KV tiers to store blocks in");
        }
        if (!(bytesPerToken > 0)) {
            throw new IllegalArgumentException("KV bytes per token must be > 0 to size a KV tier, got "
                    + bytesPerToken);
        }
        this.tiers = tiers;
        this.bytesPerToken = bytesPerToken;
        this.levels = new Level[tiers.size()];
        for (int i = 0; i < levels.length; i++) {
            KvTierSpec s = tiers.get(i);
            levels[i] = new Level(s, (long) (s.capacityBytes() * shareOfWorker / bytesPerToken),
                    s.readBytesPerS() * shareOfWorker);
        }
    }

    public WritePolicy policy() {
        return tiers.policy();
    }

    public int levels() {
        return levels.length;
    }

    /** The fastest tier holding the block, or -1. */
    public int levelOf(long id) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].blocks.containsKey(id)) {
                return i;
            }
        }
        return -1;
    }

    public boolean inHost(long id) {
        return levels[0].blocks.containsKey(id);
    }

    /** Copies a block from the GPU into host memory (nothing when it is there already, but an LRU touch). */
    public void offload(long id, int tokens) {
        write(0, id, tokens);
    }

    private void write(int level, long id, int tokens) {
        if (level >= levels.length) {
            return;
        }
        Level l = levels[level];
        if (l.blocks.get(id) != null) {
            return;
        }
        if (tokens > l.capacityTokens) {
            return;
        }
        l.blocks.put(id, tokens);
        l.heldTokens += tokens;
        l.writtenBytes += tokens * bytesPerToken;
        Iterator<Map.Entry<Long, Integer>> it = l.blocks.entrySet().iterator();
        while (l.heldTokens > l.capacityTokens && it.hasNext()) {
            Map.Entry<Long, Integer> victim = it.next();
            it.remove();
            l.heldTokens -= victim.getValue();
            // the next tier down takes what this one drops
            write(level + 1, victim.getKey(), victim.getValue());
        }
    }

    /**
     * Reads blocks of {@code tokens} from a tier to the GPU, queued behind earlier reads on its link;
     * counts them as that tier's hits. Returns when the last byte has arrived.
     */
    public double read(int level, long tokens, double nowMs) {
        Level l = levels[level];
        double bytes = tokens * bytesPerToken;
        double start = Math.max(nowMs, l.readFreeAtMs);
        double busyMs = bytes / l.readBytesPerS * 1000.0;
        l.readFreeAtMs = start + busyMs;
        l.hitTokens += tokens;
        l.readBytes += bytes;
        return start + busyMs + l.latencyMs;
    }

    /** Marks a block recently used in every tier that holds it. */
    public void touch(long id) {
        for (Level l : levels) {
            l.blocks.get(id);
        }
    }

    public KvTierKind kind(int level) {
        return levels[level].spec.kind();
    }

    public long hitTokens(int level) {
        return levels[level].hitTokens;
    }

    public double readBytes(int level) {
        return levels[level].readBytes;
    }

    public double writtenBytes(int level) {
        return levels[level].writtenBytes;
    }

    public long capacityTokens(int level) {
        return levels[level].capacityTokens;
    }

    public long heldTokens(int level) {
        return levels[level].heldTokens;
    }
}
