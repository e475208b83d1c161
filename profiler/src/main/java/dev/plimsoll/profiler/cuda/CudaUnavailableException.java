package dev.plimsoll.profiler.cuda;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * No CUDA driver, no device, or no toolkit on this machine: the user ran {@code profile} where it
 * cannot run, which is reported in one line with exit code 2 (like bad input).
 */
public final class CudaUnavailableException extends UserInputException {
    private static final long serialVersionUID = 1L;

    public CudaUnavailableException(String message) {
        super(message);
    }

    public CudaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
