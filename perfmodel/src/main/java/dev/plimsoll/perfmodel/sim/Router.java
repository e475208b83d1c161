package dev.plimsoll.perfmodel.sim;

/** Chooses the worker of a pool that gets a request. Stateful strategies keep their own state. */
interface Router {
    Engine choose(SimRequest r, Engine[] workers);
}
