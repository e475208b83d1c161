/**
 * Whether a host-memory KV tier (Dynamo KVBM, SGLang HiCache, LMCache) pays: the workers a fleet
 * needs for a workload with and without it, priced with the host memory it takes.
 */
package dev.plimsoll.optimizer.offload;
