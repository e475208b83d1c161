/**
 * {@code plimsoll plan}: the configuration search.
 *
 * <p>{@link dev.plimsoll.optimizer.search.Planner} takes a
 * {@link dev.plimsoll.optimizer.search.PlanRequest} (model, GPU types, quantisations, engines,
 * {@link dev.plimsoll.optimizer.search.WorkloadSpec}, {@link dev.plimsoll.optimizer.search.LoadTarget},
 * {@link dev.plimsoll.optimizer.search.SlaTarget}, {@link dev.plimsoll.optimizer.search.Mode},
 * {@link dev.plimsoll.optimizer.search.SearchSpace}, cost model provider) through four passes:
 * {@link dev.plimsoll.optimizer.search.CandidateEnumerator} lists engine launch configurations,
 * {@link dev.plimsoll.optimizer.search.EngineBuilder} builds those that fit, the analytic pass
 * ({@code dev.plimsoll.optimizer.analytic}, sized by {@code dev.plimsoll.optimizer.sizing}) keeps the
 * deployments that meet the SLA at the target load, and the confirming pass
 * ({@code dev.plimsoll.optimizer.confirm}) has the simulator check the winners, the top list and the
 * Pareto frontier. Only confirmed {@link dev.plimsoll.optimizer.search.Proposal}s reach the
 * {@link dev.plimsoll.optimizer.search.PlanResult}; {@link dev.plimsoll.optimizer.search.Diagnoser}
 * names each one's bottleneck.
 */
package dev.plimsoll.optimizer.search;
