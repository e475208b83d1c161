package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.InterArrival;
import dev.plimsoll.perfmodel.workload.MultiTurnSessions;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.Workload;

import java.util.SplittableRandom;

/**
 * Drives a {@link Workload.Sessions} workload: when the next session starts, and after each reply
 * when (and whether) the session's next turn is sent.
 */
final class SessionDriver {
    private final MultiTurnSessions spec;
    private final InterArrival.Gaps gaps;
    private final SplittableRandom sizes;
    private final SplittableRandom thinking;
    private int started;
    private double nextStartMs;
    /** Turns waiting out their think time. */
    private int turnsPending;

    SessionDriver(Workload.Sessions workload) {
        this.spec = workload.sessions();
        this.gaps = InterArrival.poisson(spec.sessionsPerS()).start(workload.seed());
        this.sizes = new SplittableRandom(workload.seed() ^ 0x6A09E667F3BCC909L);
        this.thinking = new SplittableRandom(workload.seed() ^ 0xBB67AE8584CAA73BL);
        this.nextStartMs = gaps.nextMs();
    }

    /** When the next session starts; infinite when all have. */
    double nextStartMs() {
        return started < spec.sessions() ? nextStartMs : Double.POSITIVE_INFINITY;
    }

    /** Starts the next session (at {@link #nextStartMs()}). */
    MultiTurnSessions.Session start() {
        MultiTurnSessions.Session s = spec.draw(started++, sizes);
        nextStartMs += gaps.nextMs();
        return s;
    }

    /** Stamps a turn's request with its session. */
    SimRequest request(long id, double nowMs, MultiTurnSessions.Session session, int turn) {
        RequestShape shape = session.turn(turn);
        SimRequest r = new SimRequest(id, nowMs, nowMs, shape, -1, true);
        r.session = session;
        r.turn = turn;
        return r;
    }

    /**
     * The turn ended; the delay before the session's next turn, or NaN when the session is over
     * (its last turn, or a turn the fleet refused).
     */
    double turnEnded(SimRequest r, boolean refused) {
        if (refused || r.turn + 1 >= r.session.turns()) {
            return Double.NaN;
        }
        turnsPending++;
        return spec.thinkMs(thinking);
    }

    void turnSent() {
        turnsPending--;
    }

    /** Sessions still to start or turns waiting to be sent. */
    boolean pending() {
        return started < spec.sessions() || turnsPending > 0;
    }
}
