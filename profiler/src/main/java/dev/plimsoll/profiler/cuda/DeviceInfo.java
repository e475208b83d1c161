package dev.plimsoll.profiler.cuda;

/**
 * What the driver says about the device a profile ran on.
 *
 * @param ordinal             CUDA device ordinal
 * @param name                device name (cuDeviceGetName)
 * @param computeMajor        compute capability, major
 * @param computeMinor        compute capability, minor
 * @param multiprocessors     SMs
 * @param memoryBytes         total device memory
 * @param l2Bytes             L2 cache size
 * @param smClockKhz          maximum SM clock the driver reports (0 when it reports none)
 * @param memoryClockKhz      maximum memory clock the driver reports (0 when it reports none)
 * @param memoryBusBits       memory bus width (0 when unknown)
 * @param maxSharedPerBlockBytes shared memory a block may opt in to
 * @param pciBusId            PCI address as nvidia-smi prints it ({@code 00000000:19:00.0})
 * @param driverApiVersion    cuDriverGetVersion, e.g. 13000 for CUDA 13.0
 */
public record DeviceInfo(int ordinal, String name, int computeMajor, int computeMinor, int multiprocessors,
                         long memoryBytes, long l2Bytes, long smClockKhz, long memoryClockKhz, int memoryBusBits,
                         int maxSharedPerBlockBytes, String pciBusId, int driverApiVersion) {

    /** {@code sm_90} style architecture name for nvcc. */
    public String arch() {
        return "sm_" + computeMajor + computeMinor;
    }

    /** CUDA version the driver supports, e.g. {@code 13.0}. */
    public String cudaDriverVersion() {
        return driverApiVersion / 1000 + "." + (driverApiVersion % 1000) / 10;
    }

    /** HBM bandwidth from the memory clock and bus width (double data rate), 0 when either is unknown. */
    public double theoreticalBandwidthBytesPerS() {
        return 2.0 * memoryClockKhz * 1e3 * memoryBusBits / 8.0;
    }
}
