package dev.plimsoll.profiler.output;

/**
 * What nvidia-smi reports about the GPU at one moment; a field it does not report is null. The
 * profiler only reads these (it never changes clocks, power limits or modes).
 *
 * @param when             what the run was doing ("before", "after GEMMs", ...)
 * @param driverVersion    NVIDIA driver version
 * @param smClockMhz       current SM clock
 * @param memoryClockMhz   current memory clock
 * @param maxSmClockMhz    maximum SM clock
 * @param maxMemoryClockMhz maximum memory clock
 * @param temperatureC     GPU temperature
 * @param powerW           power draw
 * @param powerLimitW      power limit
 * @param pstate           performance state
 * @param throttleReasons  clocks_event_reasons.active bit mask
 */
public record GpuState(String when, String driverVersion, Integer smClockMhz, Integer memoryClockMhz,
                       Integer maxSmClockMhz, Integer maxMemoryClockMhz, Integer temperatureC, Double powerW,
                       Double powerLimitW, String pstate, String throttleReasons) {
}
