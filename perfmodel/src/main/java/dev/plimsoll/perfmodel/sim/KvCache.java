package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.sim.kvtier.TierStore;
import dev.plimsoll.perfmodel.sim.kvtier.WritePolicy;

/**
 * The KV pool of one attention-DP rank, in blocks. A request holds private blocks for its tokens
 * beyond the shared prefix it pins; cached prefix blocks are counted once, however many requests
 * share them.
 */
final class KvCache {
    final int totalBlocks;
    final int blockTokens;
    private final PrefixCache prefix;
    /** Private blocks of all requests plus all cached prefix blocks. */
    private int usedBlocks;
    private long lookupTokens;
    private long hitTokens;
    /** Host, disk and remote tiers below the GPU cache, or null. */
    private final TierStore tiers;
    /**
     * Whether GPU memory keeps a request's prefix blocks for later requests once it ends (prefix
     * caching on). Off with a lower tier, the GPU drops them as the request ends and only the tier
     * keeps them: vLLM with --no-enable-prefix-caching and the offloading connector, as the vLLM
     * team measured it ("GPU prefix caching disabled (in order to evaluate CPU hits)", blog
     * 2026-01-08). Requests running at the same time still share blocks already on the GPU.
     */
    private final boolean gpuRetains;

    KvCache(int totalBlocks, int blockTokens, boolean prefixCaching) {
        this(totalBlocks, blockTokens, prefixCaching, null);
    }

    /**
     * @param prefixCaching whether GPU memory keeps prefix blocks for later requests
     * @param tiers         lower tiers, or null; without prefix caching they alone keep blocks for reuse
     */
    KvCache(int totalBlocks, int blockTokens, boolean prefixCaching, TierStore tiers) {
        this.totalBlocks = totalBlocks;
        this.blockTokens = blockTokens;
        this.prefix = prefixCaching || tiers != null ? new PrefixCache() : null;
        this.tiers = tiers;
        this.gpuRetains = prefixCaching;
        if (this.tiers != null && this.tiers.policy() == WritePolicy.WRITE_BACK) {
            prefix.onEviction((hash, blocks) -> this.tiers.offload(hash, blocks * blockTokens));
        }
    }

    TierStore tiers() {
        return tiers;
    }

    /** Blocks a request could get now, evicting unpinned cached blocks if needed. */
    int allocatableBlocks() {
        return totalBlocks - usedBlocks + (prefix == null ? 0 : prefix.evictableBlocks());
    }

    long allocatableTokens() {
        return (long) allocatableBlocks() * blockTokens;
    }

    /** Share of blocks in use by requests (cached blocks nobody pins count as free, as in vLLM's metric). */
    double usage() {
        return (double) (totalBlocks - allocatableBlocks()) / totalBlocks;
    }

    int blocksFor(int tokens) {
        return tokens <= 0 ? 0 : (tokens + blockTokens - 1) / blockTokens;
    }

    /** Blocks the request would need in total (private) to hold {@code tokens} tokens. */
    int privateBlocksFor(SimRequest r, int tokens) {
        return blocksFor(tokens - r.sharedTokens);
    }

    /** Extra blocks the request needs to hold {@code tokens} tokens. */
    int extraBlocks(SimRequest r, int tokens) {
        return Math.max(0, privateBlocksFor(r, tokens) - r.privateBlocks);
    }

    /**
     * Grows the request's blocks to hold {@code tokens} tokens, evicting unpinned cached blocks when
     * the free ones do not suffice.
     *
     * @return false, changing nothing, when the pool cannot supply them
     */
    boolean reserve(SimRequest r, int tokens) {
        int need = extraBlocks(r, tokens);
        if (need == 0) {
            return true;
        }
        if (!take(need)) {
            return false;
        }
        r.privateBlocks += need;
        return true;
    }

    private boolean take(int blocks) {
        if (blocks > allocatableBlocks()) {
            return false;
        }
        int free = totalBlocks - usedBlocks;
        if (blocks > free) {
            usedBlocks -= prefix.evict(blocks - free);
        }
        usedBlocks += blocks;
        return true;
    }

    /** Frees the request's private blocks and unpins its prefix entries. */
    void release(SimRequest r) {
        usedBlocks -= r.privateBlocks;
        r.privateBlocks = 0;
        unpinEnded(r);
        r.pinnedEntries = 0;
        r.sharedTokens = 0;
    }

    /** Moves the request's private blocks out of its hands into a transfer hold (disaggregated handoff). */
    void holdForTransfer(SimRequest r) {
        r.transferBlocks = r.privateBlocks;
        r.privateBlocks = 0;
        unpinEnded(r);
        r.pinnedEntries = 0;
        r.sharedTokens = 0;
    }

    /** Unpins the prefix entries of a request that ends here; without GPU retention drops them too. */
    private void unpinEnded(SimRequest r) {
        if (r.pinnedEntries == 0) {
            return;
        }
        prefix.unpin(r.prefixHashes, r.pinnedEntries);
        if (!gpuRetains) {
            usedBlocks -= prefix.evictUnpinned(r.prefixHashes, r.pinnedEntries);
        }
    }

    /** Frees blocks held for a finished transfer. */
    void releaseTransfer(SimRequest r) {
        usedBlocks -= r.transferBlocks;
        r.transferBlocks = 0;
    }

    boolean prefixCaching() {
        return prefix != null;
    }

    /**
     * Prompt tokens of a waiting request found in the cache, leaving at least one token to compute
     * (an engine always runs the last prompt token to get its logits: vLLM V1
     * kv_cache_manager.get_computed_blocks caps the hit at num_tokens - 1).
     */
    int cachedPrefixTokens(SimRequest r) {
        if (prefix == null || !r.hasPrefixHashes()) {
            return 0;
        }
        return prefix.match(r.prefixHashes, (r.inputTokens - 1) / r.hashBlockTokens) * r.hashBlockTokens;
    }

    /** Pins the cached prefix of a request that starts (or restarts) from nothing; counts the hit rate. */
    void attachPrefix(SimRequest r) {
        lookupTokens += r.inputTokens;
        if (prefix == null || !r.hasPrefixHashes()) {
            return;
        }
        int entries = prefix.match(r.prefixHashes, (r.inputTokens - 1) / r.hashBlockTokens);
        if (entries == 0) {
            return;
        }
        prefix.pin(r.prefixHashes, entries);
        if (tiers != null && tiers.policy() == WritePolicy.WRITE_THROUGH_SELECTIVE) {
            // a reused block has reached the hit count that backs it up to host memory
            for (int i = 0; i < entries; i++) {
                tiers.offload(r.prefixHashes[i], r.hashBlockTokens);
            }
        }
        r.pinnedEntries = entries;
        r.sharedTokens = entries * r.hashBlockTokens;
        r.computed = r.sharedTokens;
        hitTokens += r.sharedTokens;
    }

    /** Undoes {@link #attachPrefix} for a request that could not be admitted after all. */
    void detachPrefix(SimRequest r) {
        lookupTokens -= r.inputTokens;
        hitTokens -= r.sharedTokens;
        if (r.pinnedEntries > 0) {
            prefix.unpin(r.prefixHashes, r.pinnedEntries);
        }
        r.pinnedEntries = 0;
        r.sharedTokens = 0;
        r.computed = 0;
    }

    /**
     * After the request computed its prompt, and again when it finishes: its complete hashed blocks
     * become cache entries that later requests can share (vLLM caches full blocks as they are
     * computed, generated ones included; SGLang inserts into the radix tree when a prefill ends and
     * the whole sequence when the request finishes). Only blocks the request has ids for count, so
     * a reply is cached only when the workload names its blocks (a multi-turn session). A block
     * already cached by another request stays a private duplicate, and publishing stops there to
     * keep the shared part a prefix.
     */
    void publish(SimRequest r) {
        if (prefix == null || !r.hasPrefixHashes()) {
            return;
        }
        int complete = Math.min(r.prefixHashes.length, r.computed / r.hashBlockTokens);
        int entryBlocks = blocksFor(r.hashBlockTokens);
        int first = r.pinnedEntries;
        int added = 0;
        while (first + added < complete && !prefix.contains(r.prefixHashes[first + added])) {
            added++;
        }
        if (added == 0) {
            return;
        }
        int heldTokens = r.sharedTokens + r.privateBlocks * blockTokens;
        int newShared = r.sharedTokens + added * r.hashBlockTokens;
        int newPrivate = blocksFor(heldTokens - newShared);
        int delta = added * entryBlocks + newPrivate - r.privateBlocks;
        if (delta > totalBlocks - usedBlocks) {
            return;
        }
        for (int i = first; i < first + added; i++) {
            prefix.insertPinned(r.prefixHashes[i], entryBlocks);
            if (tiers != null && tiers.policy() == WritePolicy.WRITE_THROUGH) {
                tiers.offload(r.prefixHashes[i], r.hashBlockTokens);
            }
        }
        usedBlocks += delta;
        r.privateBlocks = newPrivate;
        r.pinnedEntries += added;
        r.sharedTokens = newShared;
    }

    /**
     * The cached prefix of a waiting request as Dynamo's KV router credits it: a block in GPU memory
     * counts whole, one found only in a lower tier by that tier's credit
     * ({@link dev.plimsoll.perfmodel.sim.kvtier.KvTierKind#routerCredit()}).
     */
    double creditedPrefixTokens(SimRequest r) {
        if (prefix == null || !r.hasPrefixHashes()) {
            return 0;
        }
        int limit = Math.min(r.prefixHashes.length, (r.inputTokens - 1) / r.hashBlockTokens);
        int gpu = prefix.match(r.prefixHashes, limit);
        double credit = gpu;
        if (tiers != null) {
            for (int j = gpu; j < limit; j++) {
                long id = r.prefixHashes[j];
                if (prefix.contains(id)) {
                    credit += 1;
                    continue;
                }
                int level = tiers.levelOf(id);
                if (level < 0) {
                    break;
                }
                credit += tiers.kind(level).routerCredit();
            }
        }
        return credit * r.hashBlockTokens;
    }

    /**
     * Starts reading the part of a new request's prompt that continues, past the prefix cached on
     * the GPU, in a lower tier: reserves GPU blocks for it and queues the reads. Returns when the
     * last block has arrived, or NaN when there is nothing to read or no room for it now (the
     * request then computes those tokens).
     */
    double startOnboard(SimRequest r, double nowMs) {
        if (tiers == null || !r.hasPrefixHashes() || r.computed != 0) {
            return Double.NaN;
        }
        int limit = Math.min(r.prefixHashes.length, (r.inputTokens - 1) / r.hashBlockTokens);
        int gpu = prefix.match(r.prefixHashes, limit);
        long[] tokens = new long[tiers.levels()];
        int entryBlocks = blocksFor(r.hashBlockTokens);
        int need = 0;
        int j = gpu;
        for (; j < limit; j++) {
            long id = r.prefixHashes[j];
            if (prefix.contains(id)) {
                continue;
            }
            int level = tiers.levelOf(id);
            if (level < 0) {
                break;
            }
            tokens[level] += r.hashBlockTokens;
            need += entryBlocks;
        }
        if (need == 0) {
            return Double.NaN;
        }
        // room for the read must not come from the head of this very prompt
        prefix.pin(r.prefixHashes, gpu);
        boolean room = take(need);
        prefix.unpin(r.prefixHashes, gpu);
        if (!room) {
            return Double.NaN;
        }
        r.onboardBlocks = need;
        r.onboardFrom = gpu;
        r.onboardTo = j;
        double doneMs = nowMs;
        for (int level = 0; level < tokens.length; level++) {
            if (tokens[level] > 0) {
                doneMs = Math.max(doneMs, tiers.read(level, tokens[level], nowMs));
            }
        }
        return doneMs;
    }

    /**
     * The onboarded blocks have arrived: they become GPU cache entries, the prompt's head most
     * recently used, ready for the request to pin when it is scheduled.
     */
    void finishOnboard(SimRequest r) {
        usedBlocks -= r.onboardBlocks;
        int entryBlocks = blocksFor(r.hashBlockTokens);
        for (int j = r.onboardTo - 1; j >= r.onboardFrom; j--) {
            long id = r.prefixHashes[j];
            if (!prefix.contains(id) && totalBlocks - usedBlocks >= entryBlocks) {
                prefix.insertUnpinned(id, entryBlocks);
                usedBlocks += entryBlocks;
            }
            tiers.touch(id);
        }
        r.onboardBlocks = 0;
    }

    long lookupTokens() {
        return lookupTokens;
    }

    long hitTokens() {
        return hitTokens;
    }

    /** Blocks held beyond the prefix cache: 0 once every request has left. */
    int blocksOutsideCache() {
        return usedBlocks - (prefix == null ? 0 : prefix.cachedBlocks());
    }
}
