/**
 * The serving-engine simulator: a discrete-event simulation of LLM engines under load.
 *
 * <p>Entry point: {@link dev.plimsoll.perfmodel.sim.Simulation#run(SimulationConfig, ProgressListener)}.
 * A {@link dev.plimsoll.perfmodel.sim.SimulationConfig} names a
 * {@link dev.plimsoll.perfmodel.sim.Deployment} (aggregated replicas, or prefill and decode pools
 * joined by a {@link dev.plimsoll.perfmodel.sim.KvTransferLink}), a
 * {@link dev.plimsoll.perfmodel.workload.Workload} (closed loop, Poisson or gamma, trace replay),
 * an {@link dev.plimsoll.perfmodel.sim.SlaSpec} and {@link dev.plimsoll.perfmodel.sim.SimulationOptions}.
 * The answer is a {@link dev.plimsoll.perfmodel.sim.SimulationResult}: TTFT, ITL, TPOT and
 * end-to-end latency distributions, throughput, goodput, SLA attainment, utilisation, KV usage,
 * prefix hit rate, Little's-law check and time series; its JSON form (Jackson) uses snake_case keys
 * and milliseconds.
 *
 * <p>Design, after Caffeine's simulator: workloads are streams behind one interface
 * ({@link dev.plimsoll.perfmodel.workload.ArrivalSource}); each engine's scheduling rules are one
 * {@code SchedulerPolicy} ({@code VllmPolicy}, {@code SglangPolicy}, {@code TrtllmPolicy}, each
 * difference documented with its source); routers are strategies
 * ({@link dev.plimsoll.perfmodel.sim.RouterKind}); results are computed by listeners
 * ({@code RequestMetrics}, {@code TimeSeriesRecorder}) that the engine only notifies. Step times
 * come from a {@link dev.plimsoll.perfmodel.cost.StepTimeModel} built per pool by a
 * {@link dev.plimsoll.perfmodel.sim.StepTimeModelFactory} from the
 * {@link dev.plimsoll.perfmodel.sim.EngineConfig}, so engine settings such as the CUDA-graph batch
 * limit reach the model; {@link dev.plimsoll.perfmodel.sim.StepTimeModelFactory#cached()} memoises
 * an expensive model.
 *
 * <p>The event loop keeps events in a binary heap over primitive arrays, allocates per step only
 * the {@link dev.plimsoll.perfmodel.ops.StepBatch} it hands to the model, keeps inter-token latencies
 * in a log histogram instead of per-token samples, and streams trace files. The one-hour Azure
 * conversation trace through 16 replicas (about four million steps) takes about one second.
 *
 * <p>Measuring like the benchmarked deployments (closed loop, fixed sizes, mean TTFT and TPOT):
 * <pre>{@code
 * EngineConfig engine = EngineConfig.of(backend, kvCapacityTokens, kvBytesPerToken);
 * SimulationResult r = Simulation.run(SimulationConfig.aggregated(engine, stepTimes, 1,
 *         RouterKind.ROUND_ROBIN, Workload.ClosedLoop.fixed(concurrency, isl, osl, 10), SlaSpec.NONE));
 * double ttftMs = r.ttft().meanMs(), tpotMs = r.tpot().meanMs();
 * }</pre>
 */
package dev.plimsoll.perfmodel.sim;
