package dev.plimsoll.optimizer.fleet;

/**
 * A workload's demand as the solver sees it.
 *
 * @param workload  the workload's name
 * @param milliRate requests per second to serve, times 1000
 */
public record FleetDemand(String workload, long milliRate) {
}
