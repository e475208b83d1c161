package dev.plimsoll.perfmodel.workload;

import java.util.Iterator;
import java.util.List;

/**
 * A stream of requests in arrival order: a trace file read line by line or a generator. One
 * interface for every open-loop workload, so the simulator never holds a whole trace in memory.
 * Not thread-safe; one simulation reads one source.
 */
public interface ArrivalSource extends AutoCloseable {
    /**
     * @return the next request, never earlier than the one before it, or {@code null} at the end
     * @throws dev.plimsoll.perfmodel.error.UserInputException when a trace line is malformed
     */
    TimedRequest next();

    /** Releases the file behind the source, if any. */
    @Override
    default void close() {
    }

    /** Requests held in memory, which must be in arrival order. */
    static ArrivalSource of(List<TimedRequest> requests) {
        for (int i = 1; i < requests.size(); i++) {
            if (requests.get(i).arrivalMs() < requests.get(i - 1).arrivalMs()) {
                throw new IllegalArgumentException("requests must be in arrival order; request " + i + " arrives at "
                        + requests.get(i).arrivalMs() + " ms, before the one before it");
            }
        }
        Iterator<TimedRequest> it = List.copyOf(requests).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }
}
