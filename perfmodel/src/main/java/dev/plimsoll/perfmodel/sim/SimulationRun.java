package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.ArrivalSource;
import dev.plimsoll.perfmodel.workload.MultiTurnSessions;
import dev.plimsoll.perfmodel.workload.RequestPath;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.Workload;

import java.util.SplittableRandom;

/**
 * One run of the event loop: arrivals from the workload, steps of the engines, KV transfers,
 * time-series samples. Built and used once.
 */
final class SimulationRun implements EngineHost {
    private static final int ARRIVAL = 0;
    private static final int CLIENT_SEND = 1;
    private static final int STEP_END = 2;
    private static final int TRANSFER_DONE = 3;
    private static final int SAMPLE = 4;
    private static final int WAKE = 5;
    private static final int ENGINE_ARRIVAL = 6;
    private static final int CONTROL = 7;
    private static final int WORKER_READY = 8;
    private static final int SESSION_START = 9;
    private static final int SESSION_TURN = 10;
    private static final int ONBOARD_DONE = 11;

    private final SimulationConfig config;
    private final ProgressListener progress;
    private final EventQueue events = new EventQueue();
    private final RunTopology topology;
    private final Engine[] engines;
    /** The workers the routers pick from (all of a pool, or an elastic pool's ready ones). */
    private Engine[] front;
    private Engine[] decode;
    private final RequestMetrics metrics;
    private final TimeSeriesRecorder series;
    private SimulationListener[] listeners;
    /** Null unless the run is elastic. */
    private final ElasticFleet fleet;
    private final ScalingHook hook;
    private final ElasticPools elastic;
    private boolean arrivalsPending;

    private ArrivalSource source;
    private Workload.ClosedLoop closed;
    private SessionDriver sessions;
    private SplittableRandom shapeRandom;
    /** The request path's scatter has its own stream, so turning it on does not change the sampled sizes. */
    private SplittableRandom pathRandom;
    /** The request path of open-loop arrivals ({@link RequestPath#NONE} unless the workload names one). */
    private RequestPath openPath = RequestPath.NONE;
    /** Requests sent but still on their way to the engine. */
    private long onPath;
    private static final long PATH_SEED_SALT = 0x5DEECE66DL;
    private long issued;
    private long nextId;
    private long finishedOrRejected;
    private long expected = -1;
    private long progressEvery = 1000;
    private double now;

    SimulationRun(SimulationConfig config, ProgressListener progress) {
        this(config, progress, null, null);
    }

    /**
     * @param elastic null for a fixed fleet; else every pool gets its maximum of engines, of which
     *                the deployment's worker counts start ready
     * @param hook    resizes the pools (null exactly when {@code elastic} is)
     */
    SimulationRun(SimulationConfig config, ProgressListener progress, ElasticPools elastic, ScalingHook hook) {
        this.config = config;
        this.elastic = elastic;
        this.hook = hook;
        this.progress = progress;
        this.topology = RunTopology.build(config, elastic, this);
        this.engines = topology.engines();
        this.front = topology.front();
        this.decode = topology.decode();
        this.metrics = new RequestMetrics(config.sla(), config.options().keepRequests());
        double interval = config.options().timeSeriesIntervalMs();
        this.series = interval > 0
                ? new TimeSeriesRecorder(interval, topology.poolNames(), topology.pools(), engines.length) : null;
        SimulationListener[] base = series == null ? new SimulationListener[] {metrics}
                : new SimulationListener[] {metrics, series};
        if (elastic != null) {
            this.fleet = new ElasticFleet(topology.poolNames(), topology.pools(),
                    RunTopology.startingWorkers(config.deployment()), elastic.startupMs());
            front = fleet.routable(0);
            decode = decode == null ? null : fleet.routable(1);
            base = java.util.Arrays.copyOf(base, base.length + 1);
            base[base.length - 1] = new ScalingHookEvents(hook);
        } else {
            this.fleet = null;
        }
        this.listeners = base;
    }

    /** Adds a collector before the run starts. */
    SimulationRun observe(SimulationListener extra) {
        listeners = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = extra;
        return this;
    }

    SimulationResult run() {
        Workload workload = config.workload();
        try {
            if (workload instanceof Workload.OpenLoop) {
                source = ((Workload.OpenLoop) workload).source().get();
                TimedRequest first = source.next();
                if (first == null) {
                    throw new UserInputException("workload " + ((Workload.OpenLoop) workload).description()
                            + " has no requests in the chosen window");
                }
                events.push(first.arrivalMs(), ARRIVAL, 0, first);
                arrivalsPending = true;
                openPath = ((Workload.OpenLoop) workload).path();
                pathRandom = new SplittableRandom(config.options().seed() ^ PATH_SEED_SALT);
            } else if (workload instanceof Workload.Sessions s) {
                sessions = new SessionDriver(s);
                events.push(sessions.nextStartMs(), SESSION_START, 0, null);
            } else {
                closed = (Workload.ClosedLoop) workload;
                shapeRandom = new SplittableRandom(closed.seed());
                pathRandom = new SplittableRandom(closed.seed() ^ PATH_SEED_SALT);
                expected = closed.requests();
                progressEvery = Math.max(1, expected / 100);
                for (int c = 0; c < closed.concurrency() && issued < closed.requests(); c++) {
                    events.push(0.0, CLIENT_SEND, c, null);
                    issued++;
                }
            }
            if (series != null) {
                events.push(series.intervalMs(), SAMPLE, 0, null);
            }
            if (fleet != null) {
                events.push(elastic.controlIntervalMs(), CONTROL, 0, null);
            }
            loop();
        } finally {
            if (source != null) {
                source.close();
            }
        }
        return result();
    }

    private void loop() {
        double limit = config.options().maxSimulatedMs();
        while (!events.isEmpty()) {
            events.pop();
            if (events.time() > limit) {
                break;
            }
            now = events.time();
            switch (events.kind()) {
                case ARRIVAL:
                    arrival((TimedRequest) events.payload());
                    break;
                case CLIENT_SEND:
                    clientSend(events.target());
                    break;
                case ENGINE_ARRIVAL:
                    onPath--;
                    admit((SimRequest) events.payload());
                    break;
                case STEP_END:
                    engines[events.target()].stepEnded(now);
                    if (fleet != null) {
                        fleet.setNow(now);
                        fleet.stepEnded(engines[events.target()]);
                    }
                    break;
                case WAKE:
                    engines[events.target()].woken(now);
                    break;
                case TRANSFER_DONE:
                    transferDone((SimRequest) events.payload());
                    break;
                case SAMPLE:
                    series.sample(now);
                    if (fleet == null ? !events.isEmpty() : workLeft()) {
                        events.push(now + series.intervalMs(), SAMPLE, 0, null);
                    }
                    break;
                case CONTROL:
                    control();
                    break;
                case WORKER_READY:
                    fleet.advance(now);
                    refreshRoutable();
                    scheduleNextReady();
                    break;
                case ONBOARD_DONE:
                    ((SimRequest) events.payload()).engine.onboarded((SimRequest) events.payload(), now);
                    break;
                case SESSION_START:
                    sessionStart();
                    break;
                case SESSION_TURN:
                    sessions.turnSent();
                    admit(sessions.request(nextId++, now, (MultiTurnSessions.Session) events.payload(),
                            events.target()));
                    break;
                default:
                    throw new IllegalStateException("unknown event kind " + events.kind());
            }
        }
    }

    private void arrival(TimedRequest t) {
        // queue the next arrival first, so one at this same instant is admitted before the engine wakes
        TimedRequest next = source.next();
        if (next != null) {
            events.push(Math.max(now, next.arrivalMs()), ARRIVAL, 0, next);
        } else {
            arrivalsPending = false;
        }
        SimulationOptions o = config.options();
        boolean measured = now >= o.measureFromMs() && now <= o.measureToMs();
        if (openPath.isNone()) {
            admit(new SimRequest(nextId++, now, now, t.shape(), -1, measured));
            return;
        }
        // sent now, queued at the engine once the request path is behind it (like closed-loop clients)
        double arrivalMs = now + openPath.delayMs(t.shape().inputTokens(), pathRandom.nextDouble());
        onPath++;
        events.push(arrivalMs, ENGINE_ARRIVAL, 0, new SimRequest(nextId++, now, arrivalMs, t.shape(), -1, measured));
    }

    private void clientSend(int client) {
        long index = nextId;
        boolean measured = index >= closed.warmupRequests() && index < closed.requests() - closed.cooldownRequests();
        RequestShape shape = closed.shapes().sample(shapeRandom);
        RequestPath path = closed.path();
        if (path.isNone()) {
            admit(new SimRequest(nextId++, now, now, shape, client, measured));
            return;
        }
        double arrivalMs = now + path.delayMs(shape.inputTokens(), pathRandom.nextDouble());
        onPath++;
        events.push(arrivalMs, ENGINE_ARRIVAL, client, new SimRequest(nextId++, now, arrivalMs, shape, client, measured));
    }

    private void sessionStart() {
        MultiTurnSessions.Session s = sessions.start();
        double next = sessions.nextStartMs();
        if (next < Double.POSITIVE_INFINITY) {
            events.push(next, SESSION_START, 0, null);
        }
        admit(sessions.request(nextId++, now, s, 0));
    }

    /** Elastic: the hook decides, new workers are timed, the routers see the ready workers. */
    private void control() {
        fleet.advance(now);
        hook.control(now, fleet);
        refreshRoutable();
        scheduleNextReady();
        if (workLeft()) {
            events.push(now + elastic.controlIntervalMs(), CONTROL, 0, null);
        }
    }

    /** A wake-up when the next starting worker is ready (an extra one at an instant is harmless). */
    private void scheduleNextReady() {
        double ready = fleet.nextReadyMs();
        if (ready < Double.POSITIVE_INFINITY) {
            events.push(ready, WORKER_READY, 0, null);
        }
    }

    private void refreshRoutable() {
        front = fleet.routable(0);
        if (decode != null) {
            decode = fleet.routable(1);
        }
    }

    /** Elastic runs tick while requests are to come or in flight. */
    private boolean workLeft() {
        return arrivalsPending || onPath > 0 || metrics.arrived > metrics.finished + metrics.rejected
                || (closed != null && issued < closed.requests()) || (sessions != null && sessions.pending());
    }

    private void admit(SimRequest r) {
        for (SimulationListener l : listeners) {
            l.arrived(r, now);
        }
        r.stopAfter = decode == null ? r.outputTokens : 1;
        topology.frontRouter().choose(r, front).submit(r, now);
    }

    private void transferDone(SimRequest r) {
        r.prefillEngine.releaseHandoff(r, now);
        r.engine.transferDone(r, now);
    }

    @Override
    public void wake(Engine engine, double nowMs) {
        events.push(nowMs, WAKE, engine.index, null);
    }

    @Override
    public void onboard(SimRequest r, double doneAtMs) {
        events.push(doneAtMs, ONBOARD_DONE, r.engine.index, r);
    }

    @Override
    public void stepStarted(Engine engine, double nowMs, double durationMs) {
        events.push(nowMs + durationMs, STEP_END, engine.index, null);
        for (SimulationListener l : listeners) {
            l.stepStarted(engine, nowMs, durationMs);
        }
    }

    @Override
    public void tokens(SimRequest r, double nowMs, int tokens) {
        double gapMs = Double.isNaN(r.lastTokenMs) ? Double.NaN : nowMs - r.lastTokenMs;
        if (Double.isNaN(r.firstTokenMs)) {
            r.firstTokenMs = nowMs;
        }
        for (SimulationListener l : listeners) {
            l.tokens(r, nowMs, tokens, gapMs);
        }
        r.lastTokenMs = nowMs;
    }

    @Override
    public void finish(SimRequest r, double nowMs) {
        for (SimulationListener l : listeners) {
            l.finished(r, nowMs);
        }
        done(r, nowMs);
        nextTurn(r, nowMs, false);
    }

    @Override
    public void reject(SimRequest r, double nowMs) {
        for (SimulationListener l : listeners) {
            l.rejected(r, nowMs);
        }
        done(r, nowMs);
        nextTurn(r, nowMs, true);
    }

    private void nextTurn(SimRequest r, double nowMs, boolean refused) {
        if (r.session == null) {
            return;
        }
        double thinkMs = sessions.turnEnded(r, refused);
        if (!Double.isNaN(thinkMs)) {
            events.push(nowMs + thinkMs, SESSION_TURN, r.turn + 1, r.session);
        }
    }

    private void done(SimRequest r, double nowMs) {
        finishedOrRejected++;
        if (finishedOrRejected % progressEvery == 0) {
            progress.onProgress(nowMs, finishedOrRejected, expected);
        }
        if (r.client >= 0 && issued < closed.requests()) {
            issued++;
            events.push(nowMs + closed.thinkTimeMs(), CLIENT_SEND, r.client, null);
        }
    }

    @Override
    public void prefillDone(SimRequest r, double nowMs) {
        r.handoffMs = nowMs;
        if (r.outputTokens == 1) {
            r.prefillEngine.releaseHandoff(r, nowMs);
            tokens(r, nowMs, 1);
            finish(r, nowMs);
            return;
        }
        r.stopAfter = r.outputTokens;
        Engine target = topology.decodeRouter().choose(r, decode);
        if (!target.fits(r)) {
            r.prefillEngine.releaseHandoff(r, nowMs);
            reject(r, nowMs);
            return;
        }
        target.acceptHandoff(r, nowMs);
    }

    @Override
    public void startTransfer(SimRequest r, double nowMs) {
        double transferMs = topology.link().transferMs(r.computed * topology.kvBytesPerToken());
        events.push(nowMs + transferMs, TRANSFER_DONE, r.engine.index, r);
        for (SimulationListener l : listeners) {
            l.transferred(r, nowMs - r.handoffMs, transferMs);
        }
    }

    private SimulationResult result() {
        return RunSummary.of(config, metrics, series, topology.poolNames(), topology.pools(), engines, now,
                decode != null);
    }
}
