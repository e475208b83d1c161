package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the simulated clients do. Open loop: requests arrive on their own schedule (a trace or a
 * generator), however slow the server. Closed loop: a fixed number of clients, each sending its
 * next request when the previous one ends (how the measured deployments were benchmarked).
 */
public sealed interface Workload permits Workload.OpenLoop, Workload.ClosedLoop, Workload.Sessions {

    /**
     * Requests from a source opened once per simulation.
     *
     * @param description what the source is, for reports
     * @param source      opens the stream (called once per run, so one config can run twice)
     * @param path        the way from each send (the source's arrival time) to the engine's queue,
     *                    counted in the TTFT and end-to-end latency the clients see; its scatter is
     *                    drawn from a stream seeded by the run's seed
     */
    record OpenLoop(String description, Supplier<ArrivalSource> source, RequestPath path) implements Workload {
        /** Requests that reach the engine the moment they are sent. */
        public OpenLoop(String description, Supplier<ArrivalSource> source) {
            this(description, source, RequestPath.NONE);
        }

        public OpenLoop {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(path, "path");
        }

        /** The same arrivals, each sent along {@code newPath}. */
        public OpenLoop withPath(RequestPath newPath) {
            return new OpenLoop(description, source, newPath);
        }
    }

    /**
     * {@code concurrency} clients with sizes from {@code shapes}.
     *
     * @param concurrency     clients, each with at most one request in flight
     * @param shapes          request sizes
     * @param requests        requests sent in total
     * @param warmupRequests  the first requests sent, left out of the latency statistics
     * @param cooldownRequests the last requests sent, left out of the statistics (the tail where
     *                        fewer than {@code concurrency} clients are still active)
     * @param thinkTimeMs     pause of a client between a response and its next request
     * @param seed            seed of the size sampler (and of the request path's scatter)
     * @param path            the way from each send to the engine's queue, counted in the TTFT and
     *                        end-to-end latency the clients see
     */
    record ClosedLoop(int concurrency, RequestShapes shapes, long requests, long warmupRequests,
                      long cooldownRequests, double thinkTimeMs, long seed, RequestPath path) implements Workload {
        /** Clients whose requests reach the engine the moment they are sent. */
        public ClosedLoop(int concurrency, RequestShapes shapes, long requests, long warmupRequests,
                          long cooldownRequests, double thinkTimeMs, long seed) {
            this(concurrency, shapes, requests, warmupRequests, cooldownRequests, thinkTimeMs, seed, RequestPath.NONE);
        }

        public ClosedLoop {
            Objects.requireNonNull(shapes, "shapes");
            Objects.requireNonNull(path, "path");
            if (concurrency < 1) {
                throw new UserInputException("concurrency must be >= 1, got " + concurrency);
            }
            if (requests < 1) {
                throw new UserInputException("a closed-loop run needs >= 1 request, got " + requests);
            }
            if (warmupRequests < 0 || cooldownRequests < 0 || warmupRequests + cooldownRequests >= requests) {
                throw new UserInputException("warm-up (" + warmupRequests + ") plus cool-down (" + cooldownRequests
                        + ") requests must leave some of the " + requests + " requests to measure");
            }
            if (!(thinkTimeMs >= 0) || Double.isInfinite(thinkTimeMs)) {
                throw new UserInputException("think time must be >= 0 ms, got " + thinkTimeMs);
            }
        }

        /**
         * The benchmark of the measured deployments: {@code concurrency} clients with fixed sizes,
         * {@code rounds} requests per client, the first and last round left out.
         */
        public static ClosedLoop fixed(int concurrency, int inputTokens, int outputTokens, int rounds) {
            if (rounds < 3) {
                throw new UserInputException("a measured closed-loop run needs >= 3 rounds per client, got " + rounds);
            }
            long total = (long) concurrency * rounds;
            return new ClosedLoop(concurrency, RequestShapes.fixed(inputTokens, outputTokens), total, concurrency,
                    concurrency, 0.0, 1L);
        }
    }

    /**
     * Multi-turn sessions: session starts are open loop (Poisson), the turns of a session closed
     * loop (each sent a think time after the previous reply).
     *
     * @param sessions the session generator
     * @param seed     seed of the session starts, sizes and think times
     */
    record Sessions(MultiTurnSessions sessions, long seed) implements Workload {
        public Sessions {
            Objects.requireNonNull(sessions, "sessions");
        }

        public String description() {
            return sessions.description();
        }
    }

    /** Replays a trace file in its own format, through a transform (window, rate). */
    static OpenLoop trace(Path file, TraceFormat format, TraceTransform transform) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(transform, "transform");
        return new OpenLoop(format.key() + " trace " + file, () -> transform.apply(open(file, format)));
    }

    /** Replays a trace file, its format guessed from the file name. */
    static OpenLoop trace(Path file, TraceTransform transform) {
        return trace(file, TraceFormat.detect(file), transform);
    }

    /** Opens a trace file of a known format. */
    static ArrivalSource open(Path file, TraceFormat format) {
        switch (format) {
            case AZURE_CSV:
                return new AzureTraceReader(file);
            case MOONCAKE_JSONL:
                return new MooncakeTraceReader(file);
            default:
                throw new IllegalStateException("unhandled trace format " + format);
        }
    }

    /** A fixed list of requests in arrival order. */
    static OpenLoop of(String description, List<TimedRequest> requests) {
        List<TimedRequest> copy = List.copyOf(requests);
        ArrivalSource.of(copy);
        return new OpenLoop(description, () -> ArrivalSource.of(copy));
    }

    /** Poisson arrivals at {@code ratePerS}, {@code requests} of them. */
    static OpenLoop poisson(double ratePerS, RequestShapes shapes, long requests, long seed) {
        InterArrival process = InterArrival.poisson(ratePerS);
        return new OpenLoop("poisson " + ratePerS + " req/s",
                () -> new SyntheticArrivals(process, shapes, requests, Double.POSITIVE_INFINITY, seed));
    }

    /** Gamma arrivals (burstiness through the gap coefficient of variation {@code cv}). */
    static OpenLoop gamma(double ratePerS, double cv, RequestShapes shapes, long requests, long seed) {
        InterArrival process = InterArrival.gamma(ratePerS, cv);
        return new OpenLoop("gamma " + ratePerS + " req/s cv " + cv,
                () -> new SyntheticArrivals(process, shapes, requests, Double.POSITIVE_INFINITY, seed));
    }
}
