package dev.plimsoll.perfmodel.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The engines of one run and how requests reach them: the deployment's pools (one aggregated pool,
 * or a prefill and a decode pool), their routers and the KV link between the pools. An elastic run
 * gets every pool's maximum of engines; which of them take requests is the fleet's to say.
 *
 * @param engines         every engine, at its {@link Engine#index}
 * @param front           the pool new requests go to (aggregated or prefill)
 * @param decode          the decode pool (null when aggregated)
 * @param frontRouter     picks the engine of the front pool
 * @param decodeRouter    picks the decode engine of a prefilled request (null when aggregated)
 * @param link            carries KV from prefill to decode (null when aggregated)
 * @param kvBytesPerToken KV bytes a prefilled token sends over the link (0 when aggregated)
 * @param poolNames       "aggregated", or "prefill" and "decode"
 * @param pools           the engines of each pool, in the order of the names
 */
record RunTopology(Engine[] engines, Engine[] front, Engine[] decode, Router frontRouter, Router decodeRouter,
                   KvTransferLink link, double kvBytesPerToken, String[] poolNames, Engine[][] pools) {

    /**
     * Builds the engines in pool order (front, then decode), each seeded from the run's seed and its
     * index, reporting to {@code host}.
     *
     * @param elastic null for a fixed fleet
     */
    static RunTopology build(SimulationConfig config, ElasticPools elastic, EngineHost host) {
        long seed = config.options().seed();
        List<Engine> all = new ArrayList<>();
        if (config.deployment() instanceof Deployment.Aggregated agg) {
            Engine[] front = pool(agg.pool(), Engine.Role.AGGREGATED, all, seed, 0, elastic, host);
            return new RunTopology(all.toArray(new Engine[0]), front, null,
                    agg.router().newRouter(seed, true, agg.kvOverlapWeight()), null, null, 0,
                    new String[] {"aggregated"}, new Engine[][] {front});
        }
        Deployment.Disaggregated dis = (Deployment.Disaggregated) config.deployment();
        Engine[] front = pool(dis.prefill(), Engine.Role.PREFILL, all, seed, 0, elastic, host);
        Engine[] decode = pool(dis.decode(), Engine.Role.DECODE, all, seed, 1, elastic, host);
        return new RunTopology(all.toArray(new Engine[0]), front, decode,
                dis.prefillRouter().newRouter(seed, true, dis.kvOverlapWeight()),
                dis.decodeRouter().newRouter(seed + 1, false, dis.kvOverlapWeight()),
                dis.link(), dis.prefill().engine().kvBytesPerToken(),
                new String[] {"prefill", "decode"}, new Engine[][] {front, decode});
    }

    /** The engines of each pool that start ready in an elastic run: the deployment's worker counts. */
    static int[] startingWorkers(Deployment d) {
        if (d instanceof Deployment.Aggregated a) {
            return new int[] {a.pool().workers()};
        }
        Deployment.Disaggregated dis = (Deployment.Disaggregated) d;
        return new int[] {dis.prefill().workers(), dis.decode().workers()};
    }

    private static Engine[] pool(EnginePool pool, Engine.Role role, List<Engine> all, long seed, int poolIndex,
                                 ElasticPools elastic, EngineHost host) {
        var model = pool.stepTimes().create(pool.engine());
        int count = elastic == null ? pool.workers()
                : Math.max(pool.workers(), elastic.maxWorkers()[Math.min(poolIndex, elastic.maxWorkers().length - 1)]);
        Engine[] engines = new Engine[count];
        for (int i = 0; i < engines.length; i++) {
            int index = all.size();
            engines[i] = new Engine(index, role, pool.engine(), model, host, seed * 1_000_003L + index);
            all.add(engines[i]);
        }
        return engines;
    }
}
