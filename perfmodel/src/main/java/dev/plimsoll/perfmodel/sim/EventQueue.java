package dev.plimsoll.perfmodel.sim;

import java.util.Arrays;

/**
 * Pending events in time order, a binary heap over parallel arrays so that scheduling an event
 * allocates nothing. Events at the same time come out in the order they were added.
 */
final class EventQueue {
    private double[] times = new double[64];
    private long[] seqs = new long[64];
    private int[] kinds = new int[64];
    private int[] targets = new int[64];
    private Object[] payloads = new Object[64];
    private int size;
    private long nextSeq;

    private double topTime;
    private int topKind;
    private int topTarget;
    private Object topPayload;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void push(double time, int kind, int target, Object payload) {
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            kinds = Arrays.copyOf(kinds, n);
            targets = Arrays.copyOf(targets, n);
            payloads = Arrays.copyOf(payloads, n);
        }
        long seq = nextSeq++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, seq, kind, target, payload);
    }

    /** Removes the earliest event; read it with {@link #time()}, {@link #kind()}, ... */
    void pop() {
        topTime = times[0];
        topKind = kinds[0];
        topTarget = targets[0];
        topPayload = payloads[0];
        int last = --size;
        double t = times[last];
        long s = seqs[last];
        int k = kinds[last];
        int tg = targets[last];
        Object p = payloads[last];
        payloads[last] = null;
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && before(times[right], seqs[right], times[child], seqs[child])) {
                child = right;
            }
            if (!before(times[child], seqs[child], t, s)) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, t, s, k, tg, p);
    }

    double time() {
        return topTime;
    }

    int kind() {
        return topKind;
    }

    int target() {
        return topTarget;
    }

    Object payload() {
        return topPayload;
    }

    private static boolean before(double t1, long s1, double t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        kinds[to] = kinds[from];
        targets[to] = targets[from];
        payloads[to] = payloads[from];
    }

    private void set(int i, double time, long seq, int kind, int target, Object payload) {
        times[i] = time;
        seqs[i] = seq;
        kinds[i] = kind;
        targets[i] = target;
        payloads[i] = payload;
    }
}
