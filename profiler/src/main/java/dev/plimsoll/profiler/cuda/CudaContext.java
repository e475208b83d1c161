package dev.plimsoll.profiler.cuda;

import dev.plimsoll.perfmodel.error.UserInputException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One device's primary context and a stream, through JCuda's driver API binding. Only the driver
 * API is used (libcuda), so any driver that runs CUDA 12 code works, CUDA 13 drivers included.
 */
public final class CudaContext implements AutoCloseable {
    private final CUdevice device;
    private final CUstream stream;
    private final DeviceInfo info;
    private boolean closed;

    private CudaContext(CUdevice device, CUstream stream, DeviceInfo info) {
        this.device = device;
        this.stream = stream;
        this.info = info;
    }

    /**
     * Initialises the driver and makes device {@code ordinal} current on this thread.
     *
     * @throws CudaUnavailableException no driver library, no device, or a driver that will not start
     */
    public static CudaContext open(int ordinal) {
        loadDriver();
        int init = JCudaDriver.cuInit(0);
        if (init == CUresult.CUDA_ERROR_NO_DEVICE) {
            throw new CudaUnavailableException("no CUDA device: the NVIDIA driver is installed but sees no GPU "
                    + "(--dry-run shows the plan without one)");
        }
        if (init != CUresult.CUDA_SUCCESS) {
            throw new CudaUnavailableException("the CUDA driver did not start: cuInit returned "
                    + CUresult.stringFor(init) + " (--dry-run shows the plan without a GPU)");
        }
        int[] count = new int[1];
        Cuda.check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (ordinal < 0 || ordinal >= count[0]) {
            throw new UserInputException("--device " + ordinal + ": this machine has " + count[0]
                    + " CUDA device(s), numbered from 0");
        }
        CUdevice device = new CUdevice();
        Cuda.check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet");
        CUcontext ctx = new CUcontext();
        Cuda.check(JCudaDriver.cuDevicePrimaryCtxRetain(ctx, device), "cuDevicePrimaryCtxRetain");
        Cuda.check(JCudaDriver.cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
        CUstream stream = new CUstream();
        Cuda.check(JCudaDriver.cuStreamCreate(stream, 0), "cuStreamCreate");
        return new CudaContext(device, stream, query(device, ordinal));
    }

    /**
     * Loads JCuda's driver binding, which links against libcuda: without an NVIDIA driver this is
     * where a machine without a GPU stops.
     */
    static void loadDriver() {
        try {
            Class.forName("jcuda.driver.JCudaDriver", true, CudaContext.class.getClassLoader());
            JCudaDriver.setExceptionsEnabled(false);
        } catch (ClassNotFoundException | LinkageError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CudaUnavailableException("no CUDA driver on this machine (" + firstLine(why)
                    + "); profile needs an NVIDIA GPU and its driver (--dry-run shows the plan without one)", e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static DeviceInfo query(CUdevice device, int ordinal) {
        byte[] name = new byte[256];
        Cuda.check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        long[] total = new long[1];
        Cuda.check(JCudaDriver.cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
        int[] version = new int[1];
        Cuda.check(JCudaDriver.cuDriverGetVersion(version), "cuDriverGetVersion");
        String pci = String.format(Locale.ROOT, "%08X:%02X:%02X.0", optional(device,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_PCI_DOMAIN_ID), optional(device,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_PCI_BUS_ID), optional(device,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_PCI_DEVICE_ID));
        return new DeviceInfo(ordinal, new String(name, 0, len, StandardCharsets.UTF_8),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, "compute major"),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, "compute minor"),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, "multiprocessors"),
                total[0],
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE, "L2 size"),
                optional(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE),
                optional(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE),
                optional(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN,
                        "shared memory per block"),
                pci, version[0]);
    }

    private static int attribute(CUdevice device, int attribute, String what) {
        int[] v = new int[1];
        Cuda.check(JCudaDriver.cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute(" + what + ")");
        return v[0];
    }

    /** An attribute newer drivers may no longer report (clock rates in CUDA 13): 0 when absent. */
    private static int optional(CUdevice device, int attribute) {
        int[] v = new int[1];
        return JCudaDriver.cuDeviceGetAttribute(v, attribute, device) == CUresult.CUDA_SUCCESS ? v[0] : 0;
    }

    public DeviceInfo info() {
        return info;
    }

    public CUstream stream() {
        return stream;
    }

    public DeviceBuffer alloc(long bytes) {
        return new DeviceBuffer(bytes);
    }

    public CudaModule load(Path cubin) {
        return new CudaModule(cubin);
    }

    /** Free and total device memory now. */
    public long[] memoryInfo() {
        long[] free = new long[1];
        long[] total = new long[1];
        Cuda.check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        return new long[]{free[0], total[0]};
    }

    /** Lets {@code f} use more than 48 KiB of dynamic shared memory. */
    public void allowSharedMemory(CUfunction f, int bytes, String name) {
        if (bytes > info.maxSharedPerBlockBytes()) {
            throw new IllegalStateException(name + " needs " + bytes + " bytes of shared memory, the device allows "
                    + info.maxSharedPerBlockBytes());
        }
        Cuda.check(JCudaDriver.cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                bytes), "cuFuncSetAttribute(" + name + ", dynamic shared memory " + bytes + ")");
    }

    /** Launches {@code f} on this context's stream. */
    /** CTAs of {@code f} that fit on one multiprocessor at once (registers, shared memory, threads). */
    public int residentBlocks(CUfunction f, int threads, int sharedBytes, String name) {
        int[] n = new int[1];
        Cuda.check(JCudaDriver.cuOccupancyMaxActiveBlocksPerMultiprocessor(n, f, threads, sharedBytes),
                "cuOccupancyMaxActiveBlocksPerMultiprocessor(" + name + ")");
        return Math.max(1, n[0]);
    }

    public void launch(CUfunction f, String name, int gridX, int gridY, int gridZ, int block, int sharedBytes,
                       KernelArgs args) {
        Cuda.check(JCudaDriver.cuLaunchKernel(f, gridX, gridY, gridZ, block, 1, 1, sharedBytes, stream,
                args.pointer(), null), "cuLaunchKernel(" + name + ")");
    }

    /** Copies {@code values} to the start of {@code b}. */
    public void upload(DeviceBuffer b, int[] values) {
        long bytes = 4L * values.length;
        if (bytes > b.bytes()) {
            throw new IllegalArgumentException(bytes + " bytes do not fit a buffer of " + b.bytes());
        }
        Cuda.check(JCudaDriver.cuMemcpyHtoD(b.pointer(), jcuda.Pointer.to(values), bytes), "cuMemcpyHtoD");
    }

    /** Copies the start of {@code b} into {@code values} (waits for the stream first). */
    public void download(DeviceBuffer b, short[] values) {
        synchronize();
        Cuda.check(JCudaDriver.cuMemcpyDtoH(jcuda.Pointer.to(values), b.pointer(), 2L * values.length),
                "cuMemcpyDtoH");
    }

    /** Copies the start of {@code b} into {@code values} (waits for the stream first). */
    public void download(DeviceBuffer b, float[] values) {
        synchronize();
        Cuda.check(JCudaDriver.cuMemcpyDtoH(jcuda.Pointer.to(values), b.pointer(), 4L * values.length),
                "cuMemcpyDtoH");
    }

    public void synchronize() {
        Cuda.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Cuda.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
            Cuda.check(JCudaDriver.cuStreamDestroy(stream), "cuStreamDestroy");
            Cuda.check(JCudaDriver.cuDevicePrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease");
        }
    }
}
