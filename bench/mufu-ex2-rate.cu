// Throughput of the special function unit's base-2 exponential (MUFU.EX2, what softmax's exp
// compiles to) per SM per clock, counted in SM cycles (clock64) so that no clock figure is assumed.
// One 1,024-thread block per SM, each thread 8 independent chains x = 2^(-x) (values stay in
// [0.5, 1)). docs/calibration.md ("Softmax exponentials on the special function units") quotes a run
// on the lent H200. Build and run: nvcc -O3 -arch=native bench/mufu-ex2-rate.cu -o /tmp/ex2 && /tmp/ex2
#include <cstdio>
#include <cuda_runtime.h>

constexpr int CHAINS = 8;
constexpr int ITERS = 4096;

__device__ __forceinline__ float ex2neg(float x) {
    float y;
    asm volatile("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(-x));
    return y;
}

__global__ void ex2Loop(float *out, long long *cycles) {
    float v[CHAINS];
    for (int c = 0; c < CHAINS; c++) v[c] = 0.5f + 0.01f * c + threadIdx.x * 1e-6f;
    __syncthreads();
    long long start = clock64();
    for (int i = 0; i < ITERS; i++) {
#pragma unroll
        for (int c = 0; c < CHAINS; c++) v[c] = ex2neg(v[c]);
    }
    __syncthreads();
    long long end = clock64();
    float s = 0;
    for (int c = 0; c < CHAINS; c++) s += v[c];
    out[blockIdx.x * blockDim.x + threadIdx.x] = s;
    if (threadIdx.x == 0) cycles[blockIdx.x] = end - start;
}

int main() {
    cudaDeviceProp p;
    cudaGetDeviceProperties(&p, 0);
    int sms = p.multiProcessorCount, threads = 1024;
    float *out;
    long long *cycles;
    cudaMalloc(&out, sizeof(float) * sms * threads);
    cudaMallocManaged(&cycles, sizeof(long long) * sms);
    ex2Loop<<<sms, threads>>>(out, cycles);  // warm-up
    cudaEvent_t a, b;
    cudaEventCreate(&a);
    cudaEventCreate(&b);
    cudaEventRecord(a);
    ex2Loop<<<sms, threads>>>(out, cycles);
    cudaEventRecord(b);
    cudaEventSynchronize(b);
    float ms;
    cudaEventElapsedTime(&ms, a, b);
    double mean = 0;
    for (int i = 0; i < sms; i++) mean += cycles[i];
    mean /= sms;
    double perSm = (double)threads * ITERS * CHAINS;
    printf("{\"gpu\": \"%s\", \"cc\": \"%d.%d\", \"sms\": %d, \"ex2_per_clock_per_sm\": %.2f, "
           "\"sm_clock_mhz\": %.0f, \"ex2_tera_per_s\": %.3f}\n",
           p.name, p.major, p.minor, sms, perSm / mean, mean / (ms * 1e3), perSm * sms / (ms * 1e-3) / 1e12);
    return cudaGetLastError() != cudaSuccess;
}
