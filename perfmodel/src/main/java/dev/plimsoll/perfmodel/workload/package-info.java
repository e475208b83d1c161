/**
 * Workloads for the serving simulator: closed-loop clients, open-loop Poisson or gamma arrivals,
 * and replay of request traces (Azure CSV, Mooncake JSONL), all streamed through
 * {@link dev.plimsoll.perfmodel.workload.ArrivalSource} and described by
 * {@link dev.plimsoll.perfmodel.workload.Workload}. Trace readers report malformed input as one
 * {@link dev.plimsoll.perfmodel.error.UserInputException} naming {@code file:line:column} and the
 * reason; {@link dev.plimsoll.perfmodel.workload.TraceTransform} picks a window and scales the rate.
 */
package dev.plimsoll.perfmodel.workload;
