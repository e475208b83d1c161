package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.ops.StepBatch;

import java.util.Arrays;

/**
 * Memoises a step-time model whose evaluation is expensive (one that builds the operator graph
 * of the step). Request counts stay exact (CUDA-graph limits depend on them); token counts
 * (prefill tokens, cached prefix, decode context) of 128 and above are rounded to the middle of
 * a log-spaced bucket of 1/64 relative width, so a cached time is the model's time at a batch
 * whose token counts are within 0.8 % of the real ones. A simulation calls the model millions of
 * times over a few thousand distinct buckets.
 *
 * <p>Not thread-safe: {@link StepTimeModelFactory#cached()} makes one per pool and run, used by
 * the simulating thread only.
 */
public final class CachedStepTimes implements StepTimeModel {
    private static final int MANTISSA_BITS = 6;
    private static final int EXACT_BELOW = 1 << (MANTISSA_BITS + 1);
    private static final int TOKEN_BITS = 11;
    private static final int PREFILL_REQUEST_BITS = 11;
    private static final int DECODE_REQUEST_BITS = 13;
    private static final long EMPTY = -1L;
    private static final int MAX_ENTRIES = 1 << 20;

    private final StepTimeModel model;
    private long[] keys = new long[1 << 12];
    private double[] values = new double[1 << 12];
    private int size;
    private long misses;

    public CachedStepTimes(StepTimeModel model) {
        this.model = model;
        Arrays.fill(keys, EMPTY);
    }

    /** Model evaluations so far (cache misses). */
    public long evaluations() {
        return misses;
    }

    @Override
    public double stepMs(StepBatch b) {
        if (b.prefillRequests() >= 1 << PREFILL_REQUEST_BITS || b.decodeRequests() >= 1 << DECODE_REQUEST_BITS
                || b.prefillPrefixTokens() > Integer.MAX_VALUE || b.decodeContextTokens() > Integer.MAX_VALUE) {
            misses++;
            return model.stepMs(b);
        }
        int qPrefill = bucket(b.prefillTokens());
        int qPrefix = bucket((int) b.prefillPrefixTokens());
        int qContext = bucket((int) b.decodeContextTokens());
        long key = ((((((long) b.prefillRequests() << TOKEN_BITS | qPrefill) << TOKEN_BITS | qPrefix)
                << DECODE_REQUEST_BITS | b.decodeRequests()) << TOKEN_BITS) | qContext);
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        misses++;
        double ms = model.stepMs(new StepBatch(b.prefillRequests(),
                b.prefillRequests() == 0 ? 0 : Math.max(1, middle(qPrefill)), middle(qPrefix), b.decodeRequests(),
                middle(qContext)));
        if (size >= MAX_ENTRIES) {
            Arrays.fill(keys, EMPTY);
            size = 0;
        } else if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(key, ms);
        return ms;
    }

    private void insert(long key, double ms) {
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = ms;
        size++;
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new double[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Exact below 128; above, the leading 7 bits of the value, indexed by exponent and mantissa. */
    static int bucket(int tokens) {
        if (tokens < EXACT_BELOW) {
            return tokens;
        }
        int exponent = 31 - Integer.numberOfLeadingZeros(tokens);
        int top = tokens >>> (exponent - MANTISSA_BITS);
        return EXACT_BELOW + ((exponent - MANTISSA_BITS - 1) << MANTISSA_BITS) + (top - (1 << MANTISSA_BITS));
    }

    /** The middle of a bucket: the token count the cached time is evaluated at. */
    static int middle(int bucket) {
        if (bucket < EXACT_BELOW) {
            return bucket;
        }
        int index = bucket - EXACT_BELOW;
        int exponent = (index >>> MANTISSA_BITS) + MANTISSA_BITS + 1;
        int top = (index & ((1 << MANTISSA_BITS) - 1)) + (1 << MANTISSA_BITS);
        int shift = exponent - MANTISSA_BITS;
        return (top << shift) + (1 << (shift - 1));
    }
}
