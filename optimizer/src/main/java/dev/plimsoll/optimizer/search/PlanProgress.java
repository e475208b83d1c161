package dev.plimsoll.optimizer.search;

/** Told how far a plan has come; called from worker threads. */
@FunctionalInterface
public interface PlanProgress {
    PlanProgress NONE = (phase, done, total) -> { };

    /**
     * @param phase what is running: build, analytic, simulate
     * @param done  units finished in this phase
     * @param total units of this phase
     */
    void update(String phase, int done, int total);
}
