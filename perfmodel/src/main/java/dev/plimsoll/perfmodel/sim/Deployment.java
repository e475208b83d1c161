package dev.plimsoll.perfmodel.sim;

import java.util.Objects;

/** The serving fleet being simulated. */
public sealed interface Deployment permits Deployment.Aggregated, Deployment.Disaggregated {

    /** Workers of every pool. */
    int workers();

    String key();

    /**
     * Every replica runs prefill and decode (vLLM, SGLang or TensorRT-LLM serving on its own).
     *
     * @param pool            the replicas
     * @param router          how the front end spreads requests over them
     * @param kvOverlapWeight the KV router's overlap score weight ({@link RouterKind#checkOverlapWeight})
     */
    record Aggregated(EnginePool pool, RouterKind router, double kvOverlapWeight) implements Deployment {
        public Aggregated {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(router, "router");
            RouterKind.checkOverlapWeight(kvOverlapWeight);
        }

        /** Behind {@code router}, a KV router with Dynamo's default overlap weight. */
        public Aggregated(EnginePool pool, RouterKind router) {
            this(pool, router, RouterKind.DEFAULT_KV_OVERLAP_WEIGHT);
        }

        @Override
        public int workers() {
            return pool.workers();
        }

        @Override
        public String key() {
            return "aggregated";
        }
    }

    /**
     * Prefill and decode on separate pools (xPyD): a prefill worker computes the prompt and the
     * first token, the KV moves over {@code link} to a decode worker that reserved room for it, and
     * the decode worker generates the rest.
     *
     * @param prefill       the prefill workers (x)
     * @param decode        the decode workers (y)
     * @param link          the KV transfer path between them
     * @param prefillRouter spreads new requests over prefill workers
     * @param decodeRouter  picks the decode worker of a request whose prefill is done
     * @param kvOverlapWeight the KV routers' overlap score weight ({@link RouterKind#checkOverlapWeight})
     */
    record Disaggregated(EnginePool prefill, EnginePool decode, KvTransferLink link, RouterKind prefillRouter,
                         RouterKind decodeRouter, double kvOverlapWeight) implements Deployment {
        public Disaggregated {
            Objects.requireNonNull(prefill, "prefill");
            Objects.requireNonNull(decode, "decode");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(prefillRouter, "prefillRouter");
            Objects.requireNonNull(decodeRouter, "decodeRouter");
            RouterKind.checkOverlapWeight(kvOverlapWeight);
        }

        /** Behind these routers, KV routers with Dynamo's default overlap weight. */
        public Disaggregated(EnginePool prefill, EnginePool decode, KvTransferLink link, RouterKind prefillRouter,
                             RouterKind decodeRouter) {
            this(prefill, decode, link, prefillRouter, decodeRouter, RouterKind.DEFAULT_KV_OVERLAP_WEIGHT);
        }

        @Override
        public int workers() {
            return prefill.workers() + decode.workers();
        }

        @Override
        public String key() {
            return prefill.workers() + "p" + decode.workers() + "d";
        }
    }
}
