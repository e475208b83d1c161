package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * The way from a client's send to the engine's queue: the HTTP request, the API server's
 * tokenisation of the prompt and the hop to the worker. A benchmark client starts its TTFT and
 * end-to-end timers before it sends (benchmark_serving.py and aiperf take the start time just
 * before the POST), so this delay is part of the TTFT it reports; the simulated engine only sees
 * the request once it has gone this way.
 *
 * @param usPerPromptToken tokenisation time per prompt token, in microseconds
 * @param scatterMs        the rest of the way (client event loop, HTTP, inter-process hop), drawn
 *                         uniformly from [0, scatterMs) per request; it also keeps closed-loop
 *                         clients from staying in lockstep
 */
public record RequestPath(double usPerPromptToken, double scatterMs) {
    /** Requests reach the engine the moment they are sent. */
    public static final RequestPath NONE = new RequestPath(0.0, 0.0);

    public RequestPath {
        if (!(usPerPromptToken >= 0) || Double.isInfinite(usPerPromptToken)) {
            throw new UserInputException("tokenisation time must be >= 0 us per token, got " + usPerPromptToken);
        }
        if (!(scatterMs >= 0) || Double.isInfinite(scatterMs)) {
            throw new UserInputException("request-path scatter must be >= 0 ms, got " + scatterMs);
        }
    }

    /** The delay of one request of {@code promptTokens}, given a uniform draw {@code u} in [0, 1). */
    public double delayMs(int promptTokens, double u) {
        return promptTokens * usPerPromptToken / 1000.0 + u * scatterMs;
    }

    public boolean isNone() {
        return usPerPromptToken == 0 && scatterMs == 0;
    }
}
