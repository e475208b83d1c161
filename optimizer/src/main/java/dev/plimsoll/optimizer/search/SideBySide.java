package dev.plimsoll.optimizer.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs independent pieces of the planner's work side by side on its fork-join pool. The confirming
 * pass nests them (the two winners, the candidates of a batch, the routers, the seeds of a
 * replication). A worker that waits on a nested parallel stream, or joins a task another worker
 * took, can only help with tasks of that same stream or thief, and otherwise parks without the
 * pool replacing it: the reference question's second disaggregated candidate ran its seven runs on
 * one core while the other waited (130 ms). Here a piece nobody has started is taken back and run
 * by the waiter; a piece another worker runs is waited for as a managed block
 * ({@link ForkJoinPool#managedBlock}), so the pool starts a spare worker for the tasks still queued.
 */
public final class SideBySide {
    private SideBySide() {
    }

    /** {@code f} of every input, side by side; each result (null allowed) at its input's index. */
    public static <A, B> List<B> map(List<A> inputs, Function<A, B> f) {
        List<Piece<B>> rest = new ArrayList<>();
        for (int i = 1; i < inputs.size(); i++) {
            A a = inputs.get(i);
            rest.add(start(() -> f.apply(a)));
        }
        List<B> out = new ArrayList<>();
        if (!inputs.isEmpty()) {
            try {
                out.add(f.apply(inputs.get(0)));
            } catch (RuntimeException e) {
                // a cancelled plan: what nobody has started yet is not started
                for (int i = rest.size() - 1; i >= 0; i--) {
                    rest.get(i).withdraw();
                }
                throw e;
            }
        }
        // the last forked first: the ones still on this worker's queue come back in order
        List<B> later = new ArrayList<>();
        for (int i = rest.size() - 1; i >= 0; i--) {
            later.add(0, rest.get(i).await());
        }
        out.addAll(later);
        return out;
    }

    /** Offers {@code work} to the pool now; {@link Piece#await()} gets its result. */
    public static <B> Piece<B> start(Supplier<B> work) {
        Piece<B> p = new Piece<>(work);
        p.fork();
        return p;
    }

    /** One offered piece of work. */
    public static final class Piece<B> extends ForkJoinTask<B> {
        private static final long serialVersionUID = 1L;
        private final transient Supplier<B> work;
        private final transient CountDownLatch finished = new CountDownLatch(1);
        private transient B result;
        private transient RuntimeException failure;
        private transient boolean taken;

        private Piece(Supplier<B> work) {
            this.work = work;
        }

        @Override
        public B getRawResult() {
            return result;
        }

        @Override
        protected void setRawResult(B value) {
            result = value;
        }

        @Override
        protected boolean exec() {
            try {
                result = work.get();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                finished.countDown();
            }
            return true;
        }

        /**
         * Takes the piece back off this worker's queue when no worker has started it, so that work
         * offered after it does not bury it; true when it is now this caller's to run.
         */
        public boolean take() {
            taken = taken || tryUnfork();
            return taken;
        }

        /** The result: run here when no worker has started it, else waited for. */
        public B await() {
            if (take()) {
                invoke();
            } else {
                waitManaged();
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }

        /** Not needed: withdrawn when no worker has started it, else left to finish unread. */
        public void withdraw() {
            tryUnfork();
        }

        private void waitManaged() {
            try {
                ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                    @Override
                    public boolean block() throws InterruptedException {
                        finished.await();
                        return true;
                    }

                    @Override
                    public boolean isReleasable() {
                        return finished.getCount() == 0;
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted while waiting for a piece of the plan");
            }
        }
    }
}
