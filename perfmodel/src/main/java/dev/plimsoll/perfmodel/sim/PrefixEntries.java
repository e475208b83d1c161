package dev.plimsoll.perfmodel.sim;

import java.util.Arrays;

/**
 * The prefix cache's entries by block id: an open-addressing table of primitive keys (linear
 * probing, deletion by backward shift), in place of a {@code HashMap<Long, Entry>}. Block ids are
 * structured ({@code group << 32 | block}, Mooncake's sequential ids), and {@link Long#hashCode}
 * folds the two halves together: the ids of 16 groups collided 16 to a bucket, and the map's
 * lookups (boxing, tree bins) took two thirds of a simulation of grouped prompts. Keys are spread
 * with the finaliser of MurmurHash3 (Appleby, fmix64). Holds what the map held, answers what it
 * answered; nothing iterates it.
 */
final class PrefixEntries {
    private static final int MIN_CAPACITY = 64;

    private long[] keys = new long[MIN_CAPACITY];
    private PrefixCache.Entry[] values = new PrefixCache.Entry[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    PrefixCache.Entry get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return null;
    }

    boolean containsKey(long key) {
        return get(key) != null;
    }

    /** Maps {@code key} to {@code entry}, replacing what it mapped to. */
    void put(long key, PrefixCache.Entry entry) {
        if (2 * (size + 1) > keys.length) {
            resize(keys.length * 2);
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null) {
            if (keys[i] == key) {
                values[i] = entry;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = entry;
        size++;
    }

    void remove(long key) {
        int mask = keys.length - 1;
        int gap = slot(key, mask);
        while (values[gap] != null && keys[gap] != key) {
            gap = (gap + 1) & mask;
        }
        if (values[gap] == null) {
            return;
        }
        // backward shift: pull later entries of the probe run into the gap unless that would put one
        // before its own home slot
        for (int j = (gap + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        values[gap] = null;
        size--;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        PrefixCache.Entry[] oldValues = values;
        keys = new long[capacity];
        values = new PrefixCache.Entry[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
        Arrays.fill(oldValues, null);
    }

    private static int slot(long key, int mask) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
