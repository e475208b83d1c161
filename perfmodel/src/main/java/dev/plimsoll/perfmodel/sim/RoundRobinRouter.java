package dev.plimsoll.perfmodel.sim;

/** Workers in turn (the Dynamo frontend's default, --router-mode round_robin). */
final class RoundRobinRouter implements Router {
    private int next;

    @Override
    public Engine choose(SimRequest r, Engine[] workers) {
        // the modulo also covers an elastic pool that shrank since the last pick
        int i = next % workers.length;
        next = (i + 1) % workers.length;
        return workers[i];
    }
}
