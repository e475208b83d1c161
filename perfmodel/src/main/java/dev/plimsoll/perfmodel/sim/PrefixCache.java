package dev.plimsoll.perfmodel.sim;

/**
 * Prompt blocks kept in the KV cache for reuse, keyed by prefix-block id. An entry pinned by a
 * running request cannot be evicted; an unpinned entry stays cached and counts as free space,
 * and the least recently used unpinned entries are evicted first when a request needs blocks
 * (vLLM V1 free-block queue, vllm/v1/core/block_pool.py; SGLang radix cache LRU eviction,
 * mem_cache/radix_cache.py; TensorRT-LLM block reuse with LRU eviction).
 */
final class PrefixCache {
    static final class Entry {
        final long hash;
        final int blocks;
        int pins;
        Entry older;
        Entry newer;

        Entry(long hash, int blocks) {
            this.hash = hash;
            this.blocks = blocks;
        }
    }

    /** Told of every entry the cache evicts (a write-back tier copies it out). */
    interface EvictionListener {
        void evicted(long hash, int blocks);
    }

    private final PrefixEntries entries = new PrefixEntries();
    private EvictionListener evictions;
    /** Unpinned entries, least recently used first. */
    private Entry lruHead;
    private Entry lruTail;
    private int evictableBlocks;
    private int cachedBlocks;

    void onEviction(EvictionListener listener) {
        this.evictions = listener;
    }

    int evictableBlocks() {
        return evictableBlocks;
    }

    /** Blocks held by entries, pinned or not. */
    int cachedBlocks() {
        return cachedBlocks;
    }

    boolean contains(long hash) {
        return entries.containsKey(hash);
    }

    /** How many of the leading {@code hashes} (at most {@code limit}) are cached, without pinning. */
    int match(long[] hashes, int limit) {
        int n = Math.min(limit, hashes.length);
        int matched = 0;
        while (matched < n && entries.containsKey(hashes[matched])) {
            matched++;
        }
        return matched;
    }

    /** Pins the first {@code count} entries of {@code hashes}; all must be cached. */
    void pin(long[] hashes, int count) {
        for (int i = 0; i < count; i++) {
            Entry e = entries.get(hashes[i]);
            if (e.pins++ == 0) {
                unlink(e);
                evictableBlocks -= e.blocks;
            }
        }
    }

    /**
     * Unpins the first {@code count} entries of {@code hashes}, making them most recently used, the
     * last block first so that a prefix's tail is evicted before its head (vLLM V1
     * KVCacheManager.free: "free blocks in reverse order so that the tail blocks are evicted first").
     */
    void unpin(long[] hashes, int count) {
        for (int i = count - 1; i >= 0; i--) {
            Entry e = entries.get(hashes[i]);
            if (--e.pins == 0) {
                append(e);
                evictableBlocks += e.blocks;
            }
        }
    }

    /** Adds a new entry pinned once by the request that computed it. */
    void insertPinned(long hash, int blocks) {
        Entry e = new Entry(hash, blocks);
        e.pins = 1;
        entries.put(hash, e);
        cachedBlocks += blocks;
    }

    /** Adds a new entry nobody pins, as the most recently used (blocks onboarded from a lower tier). */
    void insertUnpinned(long hash, int blocks) {
        Entry e = new Entry(hash, blocks);
        entries.put(hash, e);
        cachedBlocks += blocks;
        append(e);
        evictableBlocks += blocks;
    }

    /** Evicts least recently used unpinned entries until {@code blocks} are freed; returns blocks freed. */
    int evict(int blocks) {
        int freed = 0;
        while (freed < blocks && lruHead != null) {
            Entry e = lruHead;
            freed += drop(e);
        }
        return freed;
    }

    /** Removes an unpinned entry from the cache and the LRU list; the blocks it held. */
    private int drop(Entry e) {
        unlink(e);
        entries.remove(e.hash);
        evictableBlocks -= e.blocks;
        cachedBlocks -= e.blocks;
        if (evictions != null) {
            evictions.evicted(e.hash, e.blocks);
        }
        return e.blocks;
    }

    /**
     * Evicts those of the first {@code count} entries of {@code hashes} that nobody pins any more,
     * the last first; returns the blocks freed. A GPU cache that keeps no prefix blocks for later
     * requests (prefix caching off, a lower KV tier on) drops a request's blocks when it ends.
     */
    int evictUnpinned(long[] hashes, int count) {
        int freed = 0;
        for (int i = count - 1; i >= 0; i--) {
            Entry e = entries.get(hashes[i]);
            if (e == null || e.pins > 0) {
                continue;
            }
            freed += drop(e);
        }
        return freed;
    }

    private void append(Entry e) {
        e.older = lruTail;
        e.newer = null;
        if (lruTail == null) {
            lruHead = e;
        } else {
            lruTail.newer = e;
        }
        lruTail = e;
    }

    private void unlink(Entry e) {
        if (e.older == null) {
            lruHead = e.newer;
        } else {
            e.older.newer = e.newer;
        }
        if (e.newer == null) {
            lruTail = e.older;
        } else {
            e.newer.older = e.older;
        }
        e.older = null;
        e.newer = null;
    }
}
