package dev.plimsoll.profiler.cuda;

import dev.plimsoll.perfmodel.calib.ErrorStats;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUgraph;
import jcuda.driver.CUgraphExec;
import jcuda.driver.CUstreamCaptureMode;
import jcuda.driver.JCudaDriver;

import java.util.function.IntConsumer;

/**
 * Times launches the way engines replay a step: {@code launches} calls captured in one CUDA graph,
 * {@code warmup} untimed replays, then {@code repeats} replays each timed with CUDA events; the
 * recorded time is the median replay divided by its launches. Launch {@code i} uses buffer set
 * {@code i % copies}, so consecutive launches never find their data in L2.
 */
public final class GraphTimer {
    /** GPU work per replay the graph is sized to: long enough that event resolution (about 1 us) is noise. */
    public static final double TARGET_REPLAY_MS = 2.0;
    /** Most launches one graph holds. */
    public static final int MAX_LAUNCHES = 400;

    private final CudaContext cuda;

    public GraphTimer(CudaContext cuda) {
        this.cuda = cuda;
    }

    /**
     * @param launch launches call {@code i} (on the context's stream)
     * @param copies buffer sets the calls rotate through
     */
    public Timing time(IntConsumer launch, int copies, int warmup, int repeats) {
        if (copies < 1 || repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("copies and repeats must be >= 1, warmup >= 0");
        }
        CUevent start = new CUevent();
        CUevent stop = new CUevent();
        Cuda.check(JCudaDriver.cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        Cuda.check(JCudaDriver.cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        try {
            for (int c = 0; c < copies; c++) {
                launch.accept(c);
            }
            record(start);
            launch.accept(0);
            record(stop);
            double singleMs = elapsed(start, stop);
            int launches = launchesFor(singleMs, copies);
            CUgraphExec exec = capture(launch, launches);
            try {
                for (int i = 0; i < warmup; i++) {
                    Cuda.check(JCudaDriver.cuGraphLaunch(exec, cuda.stream()), "cuGraphLaunch");
                }
                double[] perLaunch = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    record(start);
                    Cuda.check(JCudaDriver.cuGraphLaunch(exec, cuda.stream()), "cuGraphLaunch");
                    record(stop);
                    perLaunch[r] = elapsed(start, stop) / launches;
                }
                double min = Double.MAX_VALUE;
                double max = 0;
                for (double v : perLaunch) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                return new Timing(ErrorStats.percentile(perLaunch, 0.5), min, max, launches, copies);
            } finally {
                Cuda.check(JCudaDriver.cuGraphExecDestroy(exec), "cuGraphExecDestroy");
            }
        } finally {
            Cuda.check(JCudaDriver.cuEventDestroy(start), "cuEventDestroy");
            Cuda.check(JCudaDriver.cuEventDestroy(stop), "cuEventDestroy");
        }
    }

    /** Launches per graph: about {@link #TARGET_REPLAY_MS} of work, a whole number of rotations. */
    static int launchesFor(double singleMs, int copies) {
        int n = (int) Math.ceil(TARGET_REPLAY_MS / Math.max(singleMs, 1e-3));
        n = Math.max(copies, Math.min(MAX_LAUNCHES, n));
        return (n + copies - 1) / copies * copies;
    }

    private CUgraphExec capture(IntConsumer launch, int launches) {
        CUgraph graph = new CUgraph();
        Cuda.check(JCudaDriver.cuStreamBeginCapture(cuda.stream(),
                CUstreamCaptureMode.CU_STREAM_CAPTURE_MODE_THREAD_LOCAL), "cuStreamBeginCapture");
        boolean captured = false;
        try {
            for (int i = 0; i < launches; i++) {
                launch.accept(i);
            }
            captured = true;
        } finally {
            int end = JCudaDriver.cuStreamEndCapture(cuda.stream(), graph);
            if (captured) {
                Cuda.check(end, "cuStreamEndCapture");
            }
        }
        CUgraphExec exec = new CUgraphExec();
        try {
            Cuda.check(JCudaDriver.cuGraphInstantiate(exec, graph, 0), "cuGraphInstantiate");
        } finally {
            Cuda.check(JCudaDriver.cuGraphDestroy(graph), "cuGraphDestroy");
        }
        return exec;
    }

    private void record(CUevent e) {
        Cuda.check(JCudaDriver.cuEventRecord(e, cuda.stream()), "cuEventRecord");
    }

    private static double elapsed(CUevent start, CUevent stop) {
        Cuda.check(JCudaDriver.cuEventSynchronize(stop), "cuEventSynchronize");
        float[] ms = new float[1];
        Cuda.check(JCudaDriver.cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
        return ms[0];
    }
}
