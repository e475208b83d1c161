package dev.plimsoll.profiler.cuda;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

import java.util.ArrayList;
import java.util.List;

/** Kernel parameters in declaration order, as cuLaunchKernel takes them. */
public final class KernelArgs {
    private final List<NativePointerObject> args = new ArrayList<>();

    public KernelArgs ptr(DeviceBuffer b) {
        return ptr(b.pointer());
    }

    public KernelArgs ptr(CUdeviceptr p) {
        args.add(Pointer.to(p));
        return this;
    }

    public KernelArgs i32(int v) {
        args.add(Pointer.to(new int[]{v}));
        return this;
    }

    public KernelArgs u64(long v) {
        args.add(Pointer.to(new long[]{v}));
        return this;
    }

    public KernelArgs f32(float v) {
        args.add(Pointer.to(new float[]{v}));
        return this;
    }

    Pointer pointer() {
        return Pointer.to(args.toArray(new NativePointerObject[0]));
    }
}
