package dev.plimsoll.profiler.cuda;

import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A cubin loaded with cuModuleLoad; its kernels by name. */
public final class CudaModule implements AutoCloseable {
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final String source;

    CudaModule(Path cubin) {
        this.source = cubin.getFileName().toString();
        Cuda.check(JCudaDriver.cuModuleLoad(module, cubin.toString()), "cuModuleLoad(" + cubin + ")");
    }

    public CUfunction function(String name) {
        return functions.computeIfAbsent(name, n -> {
            CUfunction f = new CUfunction();
            Cuda.check(JCudaDriver.cuModuleGetFunction(f, module, n), "cuModuleGetFunction(" + source + ", " + n + ")");
            return f;
        });
    }

    @Override
    public void close() {
        Cuda.check(JCudaDriver.cuModuleUnload(module), "cuModuleUnload(" + source + ")");
    }
}
