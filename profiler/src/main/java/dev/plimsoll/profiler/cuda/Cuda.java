package dev.plimsoll.profiler.cuda;

import jcuda.driver.CUresult;

/** Checks CUDA driver results: every call the profiler makes goes through {@link #check}. */
public final class Cuda {
    private Cuda() {
    }

    /** Throws a {@link CudaException} naming {@code call} unless {@code result} is CUDA_SUCCESS. */
    public static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaException(call, result, CUresult.stringFor(result));
        }
    }
}
