package dev.plimsoll.perfmodel.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sizes drawn uniformly, with replacement, from a list: typically the requests of a trace, so a
 * closed-loop or Poisson run keeps the trace's size distribution but not its timing.
 */
public final class EmpiricalShapes implements RequestShapes {
    private final RequestShape[] shapes;

    public EmpiricalShapes(List<RequestShape> shapes) {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("need at least one request shape to sample from");
        }
        this.shapes = shapes.toArray(new RequestShape[0]);
    }

    /** Reads every request of a source (closing it) and keeps their sizes. */
    public static EmpiricalShapes of(ArrivalSource source) {
        List<RequestShape> shapes = new ArrayList<>();
        try (source) {
            for (TimedRequest r = source.next(); r != null; r = source.next()) {
                shapes.add(r.shape());
            }
        }
        return new EmpiricalShapes(shapes);
    }

    public int size() {
        return shapes.length;
    }

    @Override
    public RequestShape sample(SplittableRandom random) {
        return shapes[random.nextInt(shapes.length)];
    }
}
