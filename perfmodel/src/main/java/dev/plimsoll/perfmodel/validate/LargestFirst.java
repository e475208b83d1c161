package dev.plimsoll.perfmodel.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs one job per item on a fixed number of threads, the largest estimated jobs first, each thread
 * taking the next job as it finishes one (longest-processing-time-first list scheduling; Graham,
 * "Bounds on multiprocessing timing anomalies", 1969: within 4/3 of the optimal makespan). A file's
 * rows sit in campaign order, with the many-client, long-output ones together; split into halves
 * by position, one thread can be left with the heaviest stretch while the other idles. Results come
 * back in the items' order. An exception from a job stops the others taking new jobs and leaves as
 * itself.
 */
final class LargestFirst {
    private LargestFirst() {
    }

    static <T, R> List<R> map(List<T> items, ToLongFunction<T> estimatedWork, Function<T, R> job, int threads) {
        int n = items.size();
        Integer[] order = new Integer[n];
        long[] work = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            work[i] = estimatedWork.applyAsLong(items.get(i));
        }
        // stable: equal estimates keep the file's order
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> work[i]).reversed());
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        int workers = Math.max(1, Math.min(threads, n));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "validate-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    int k;
                    while (!failed.get() && (k = next.getAndIncrement()) < n) {
                        int item = order[k];
                        try {
                            results[item] = job.apply(items.get(item));
                        } catch (RuntimeException | Error e) {
                            failed.set(true);
                            throw e;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) (List<?>) Arrays.asList(results);
        return out;
    }
}
