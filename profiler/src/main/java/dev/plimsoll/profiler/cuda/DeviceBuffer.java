package dev.plimsoll.profiler.cuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/** Device memory from cuMemAlloc, freed on close. */
public final class DeviceBuffer implements AutoCloseable {
    private final CUdeviceptr ptr;
    private final long bytes;
    private boolean freed;

    DeviceBuffer(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("allocation of " + bytes + " bytes");
        }
        this.ptr = new CUdeviceptr();
        this.bytes = bytes;
        Cuda.check(JCudaDriver.cuMemAlloc(ptr, bytes), "cuMemAlloc(" + bytes + " bytes)");
    }

    public CUdeviceptr pointer() {
        return ptr;
    }

    /** A pointer {@code offsetBytes} into this buffer. */
    public CUdeviceptr at(long offsetBytes) {
        if (offsetBytes < 0 || offsetBytes >= bytes) {
            throw new IllegalArgumentException("offset " + offsetBytes + " outside " + bytes + " bytes");
        }
        return ptr.withByteOffset(offsetBytes);
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            Cuda.check(JCudaDriver.cuMemFree(ptr), "cuMemFree");
        }
    }
}
