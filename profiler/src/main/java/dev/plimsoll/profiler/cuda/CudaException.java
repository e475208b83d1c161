package dev.plimsoll.profiler.cuda;

/** A CUDA driver call that failed: names the call and the driver's error. */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public CudaException(String call, int code, String name) {
        super(call + " failed: " + name + " (" + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }
}
