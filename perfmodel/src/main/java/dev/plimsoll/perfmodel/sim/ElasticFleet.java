package dev.plimsoll.perfmodel.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The pools of an elastic simulation. Every pool has {@link ElasticPools#maxWorkers()} engines
 * built up front; each is off, starting, ready (routed to) or draining (finishing its requests,
 * routed nothing new). A worker counts as held (its GPUs paid for) from its scale-up until it has
 * drained.
 */
public final class ElasticFleet {
    enum State { OFF, STARTING, READY, DRAINING }

    private final String[] names;
    private final Engine[][] engines;
    private final State[][] states;
    private final double[][] readyAtMs;
    private final double[] heldMs;
    private final double[] heldSinceMs;
    private final int[] held;
    private final double startupMs;
    private final Engine[][] routable;
    /** Pool and slot of each engine, by {@link Engine#index}. */
    private final int[] poolOf;
    private final int[] slotOf;
    private double nowMs;

    ElasticFleet(String[] names, Engine[][] engines, int[] initialWorkers, double startupMs) {
        this.names = names;
        this.engines = engines;
        this.startupMs = startupMs;
        int pools = engines.length;
        this.states = new State[pools][];
        this.readyAtMs = new double[pools][];
        this.heldMs = new double[pools];
        this.heldSinceMs = new double[pools];
        this.held = new int[pools];
        this.routable = new Engine[pools][];
        int count = 0;
        for (Engine[] pool : engines) {
            for (Engine e : pool) {
                count = Math.max(count, e.index + 1);
            }
        }
        this.poolOf = new int[count];
        this.slotOf = new int[count];
        for (int p = 0; p < pools; p++) {
            for (int i = 0; i < engines[p].length; i++) {
                poolOf[engines[p][i].index] = p;
                slotOf[engines[p][i].index] = i;
            }
        }
        for (int p = 0; p < pools; p++) {
            states[p] = new State[engines[p].length];
            readyAtMs[p] = new double[engines[p].length];
            for (int i = 0; i < engines[p].length; i++) {
                states[p][i] = i < initialWorkers[p] ? State.READY : State.OFF;
            }
            held[p] = Math.min(initialWorkers[p], engines[p].length);
            refresh(p);
        }
    }

    public int pools() {
        return engines.length;
    }

    public String poolName(int pool) {
        return names[pool];
    }

    /** The pool's engines' gauges now. */
    public PoolState state(int pool) {
        int ready = 0;
        int starting = 0;
        int draining = 0;
        int running = 0;
        int waiting = 0;
        double usage = 0;
        for (int i = 0; i < engines[pool].length; i++) {
            State s = states[pool][i];
            Engine e = engines[pool][i];
            if (s == State.STARTING) {
                starting++;
            } else if (s == State.READY || s == State.DRAINING) {
                if (s == State.READY) {
                    ready++;
                    usage += e.kvUsage();
                } else {
                    draining++;
                }
                running += e.runningRequests();
                waiting += e.waitingRequests();
            }
        }
        Engine first = engines[pool][0];
        long kvPerWorker = first.ranks[0].kv.totalBlocks * (long) first.config.blockTokens() * first.ranks.length;
        return new PoolState(names[pool], ready, starting, draining, running, waiting, ready == 0 ? 0 : usage / ready,
                kvPerWorker, heldMs(pool));
    }

    /** Worker-milliseconds held so far in the pool. */
    public double heldMs(int pool) {
        return heldMs[pool] + held[pool] * (nowMs - heldSinceMs[pool]);
    }

    /** The most workers the pool can have. */
    public int maxWorkers(int pool) {
        return engines[pool].length;
    }

    /**
     * Asks for {@code workers} ready-or-starting workers (clamped to 1..max): new ones start and
     * take requests after the start-up delay; surplus ones still starting are cancelled first
     * (newest first), then ready ones with the fewest requests drain. The last ready worker is kept.
     *
     * @return the provisioned count after the call
     */
    public int scaleTo(int pool, int workers) {
        int target = Math.max(1, Math.min(workers, engines[pool].length));
        int provisioned = state(pool).provisionedWorkers();
        State[] s = states[pool];
        if (target > provisioned) {
            for (int i = 0; i < s.length && provisioned < target; i++) {
                if (s[i] == State.OFF) {
                    s[i] = State.STARTING;
                    readyAtMs[pool][i] = nowMs + startupMs;
                    changeHeld(pool, +1);
                    provisioned++;
                }
            }
        } else if (target < provisioned) {
            for (int i = s.length - 1; i >= 0 && provisioned > target; i--) {
                if (s[i] == State.STARTING) {
                    s[i] = State.OFF;
                    changeHeld(pool, -1);
                    provisioned--;
                }
            }
            while (provisioned > target) {
                int victim = -1;
                int ready = 0;
                for (int i = 0; i < s.length; i++) {
                    if (s[i] == State.READY) {
                        ready++;
                        if (victim < 0 || engines[pool][i].outstandingRequests()
                                < engines[pool][victim].outstandingRequests()) {
                            victim = i;
                        }
                    }
                }
                if (victim < 0 || ready <= 1) {
                    break;
                }
                s[victim] = State.DRAINING;
                provisioned--;
                refresh(pool);
                drainIfIdle(pool, victim);
            }
            refresh(pool);
        }
        return provisioned;
    }

    /** Starting workers whose delay is over become ready; drained ones go off. */
    void advance(double now) {
        this.nowMs = now;
        for (int p = 0; p < engines.length; p++) {
            boolean changed = false;
            for (int i = 0; i < states[p].length; i++) {
                if (states[p][i] == State.STARTING && readyAtMs[p][i] <= now) {
                    states[p][i] = State.READY;
                    changed = true;
                } else if (states[p][i] == State.DRAINING) {
                    drainIfIdle(p, i);
                }
            }
            if (changed) {
                refresh(p);
            }
        }
    }

    /** The earliest instant a starting worker becomes ready, or +inf. */
    double nextReadyMs() {
        double next = Double.POSITIVE_INFINITY;
        for (int p = 0; p < engines.length; p++) {
            for (int i = 0; i < states[p].length; i++) {
                if (states[p][i] == State.STARTING) {
                    next = Math.min(next, readyAtMs[p][i]);
                }
            }
        }
        return next;
    }

    /** A draining engine finished a step: off once it holds nothing. */
    void stepEnded(Engine e) {
        int p = poolOf[e.index];
        int i = slotOf[e.index];
        if (states[p][i] == State.DRAINING) {
            drainIfIdle(p, i);
        }
    }

    boolean anyStarting() {
        return nextReadyMs() < Double.POSITIVE_INFINITY;
    }

    void setNow(double now) {
        this.nowMs = now;
    }

    private void drainIfIdle(int pool, int i) {
        if (engines[pool][i].idle()) {
            states[pool][i] = State.OFF;
            changeHeld(pool, -1);
        }
    }

    private void changeHeld(int pool, int delta) {
        heldMs[pool] += held[pool] * (nowMs - heldSinceMs[pool]);
        heldSinceMs[pool] = nowMs;
        held[pool] += delta;
    }

    private void refresh(int pool) {
        List<Engine> ready = new ArrayList<>();
        for (int i = 0; i < engines[pool].length; i++) {
            if (states[pool][i] == State.READY) {
                ready.add(engines[pool][i]);
            }
        }
        routable[pool] = ready.toArray(new Engine[0]);
    }

    /** The engines a router may pick in the pool: the ready ones. */
    Engine[] routable(int pool) {
        return routable[pool];
    }
}
