/**
 * {@code plimsoll fleet}: several models on a GPU inventory. Each workload's menu of engines
 * ({@link dev.plimsoll.optimizer.fleet.FleetOptions}) feeds a Timefold model
 * ({@link dev.plimsoll.optimizer.fleet.FleetPlan}, {@link dev.plimsoll.optimizer.fleet.Assignment},
 * {@link dev.plimsoll.optimizer.fleet.FleetConstraints}) solved by
 * {@link dev.plimsoll.optimizer.fleet.FleetSolver}.
 */
package dev.plimsoll.optimizer.fleet;
