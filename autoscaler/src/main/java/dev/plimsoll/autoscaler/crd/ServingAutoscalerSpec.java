package dev.plimsoll.autoscaler.crd;

import java.util.ArrayList;
import java.util.List;

/**
 * What to keep within which SLA, with which bounds.
 *
 * <p>Fields are public for the CRD generator and Jackson; units are in the names.
 */
public class ServingAutoscalerSpec {
    /** Model id or Hugging Face repository the planner knows (plimsoll specs list). */
    public String model;
    /** GPU type id (h100-sxm, h200-sxm, ...). */
    public String gpu;
    /** Serving engine whose metric names are read: vllm, sglang; the front end's may be dynamo. */
    public String engine = "vllm";
    /** The worker groups, aggregated or prefill and decode. */
    public List<Pool> pools = new ArrayList<>();
    public Sla sla = new Sla();
    /**
     * The reference request the model is sized with, prompt tokens; observed requests of another
     * size are carried as the rate of reference-sized ones with the same work. 1024 / 256: a design
     * choice (a chat-sized request).
     */
    public int referenceInputTokens = 1024;
    /** The reference request's output tokens. */
    public int referenceOutputTokens = 256;
    /** Most requests an engine runs at once (its launched max-num-seqs per rank; 256 is vLLM's default). */
    public int maxRunningPerRank = 256;
    /**
     * Most tokens an engine batches per step (its launched max-num-batched-tokens; 8192 is vLLM's
     * default for the OpenAI server on large-memory GPUs).
     */
    public int tokenBudget = 8192;
    /** Most GPUs all pools may hold; absent for none. */
    public Integer gpuBudget;
    /** Control interval, seconds. */
    public int intervalSeconds = 15;
    /**
     * The slow loop that resets the forecast floor, seconds; absent: twelve intervals (180 s at
     * 15 s, Dynamo Planner's default adjustment interval).
     */
    public Integer slowIntervalSeconds;
    /** Time from a scale-up to a new worker serving, seconds. */
    public int startupSeconds = 60;
    public Metrics metrics = new Metrics();
    /** Decide and report, change nothing. */
    public boolean dryRun;

    /** One worker group and the object that holds its replica count. */
    public static class Pool {
        /** aggregated, prefill or decode. */
        public String name;
        /** Deployment, StatefulSet, LeaderWorkerSet, DynamoGraphDeploymentScalingAdapter or DynamoGraphDeployment. */
        public String targetKind;
        public String targetApiVersion;
        public String targetName;
        /** DynamoGraphDeployment only: the service under spec.services. */
        public String service;
        /** PromQL label matcher of the pool's engines, e.g. {pod=~"decode-.*"}. */
        public String selector;
        public int tensorParallel = 1;
        public int pipelineParallel = 1;
        public int dataParallel = 1;
        public int minReplicas = 1;
        public int maxReplicas = 8;
        /** Workers added or removed together (a multi-node worker, a LeaderWorkerSet group). */
        public int gangSize = 1;
    }

    /** Latency targets at a percentile. */
    public static class Sla {
        public double ttftMs = 1000;
        public double itlMs = 50;
        public int percentile = 90;
    }

    /** Where the metrics are. */
    public static class Metrics {
        /** Prometheus base URL. */
        public String prometheusUrl = "http://prometheus-operated.monitoring:9090";
        /** Label matcher of the front end's series (offered load, sizes, latencies). */
        public String frontendSelector = "";
        /** Front-end metric names: dynamo, or the engine's own. */
        public String frontendEngine = "dynamo";
        /**
         * Window of the rates and latency quantiles, seconds; absent: max(60, interval), four
         * scrapes at Prometheus' default 15 s scrape interval. It should cover at least four scrapes.
         */
        public Integer rateWindowSeconds;
    }
}
