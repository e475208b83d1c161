// Plimsoll bench: correctness and speed of the paged tensor-core decode kernel (paged_decode.cu)
// on a GPU host, outside the profiler. Build and run there (docs/profiler.md quotes its output):
//   nvcc -O3 -arch=sm_90 -I profiler/src/main/resources/dev/plimsoll/profiler/kernels \
//       -o paged_decode_bench bench/profiler/paged_decode_bench.cu && ./paged_decode_bench
// It checks 504 small problems against the plain reference kernel, then times 80 shapes per KV
// type with the split count of PagedDecodeKernels.partitionTokens (FlashAttention-2's heuristic over
// the resident CTAs; waves column 0) and with the first version's two waves over the SMs (waves 2),
// printing CSV: kv,heads,kv_heads,hd,batch,step,waves,min_part,parts,us,tb_s.
#include "paged_decode.cu"
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <algorithm>
#include <cmath>
#define CK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { printf("CUDA %s at %d: %s\n", #x, __LINE__, cudaGetErrorString(e)); exit(1);} } while (0)

__global__ void fill_bf16(__nv_bfloat16* p, size_t n, unsigned seed) {
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) {
        unsigned h = (unsigned)i * 2654435761u ^ seed; h ^= h >> 13; h *= 0x5bd1e995u; h ^= h >> 15;
        p[i] = __float2bfloat16(((h & 0xFFFF) / 32768.0f) - 1.0f);
    }
}
__global__ void fill_fp8(__nv_fp8_e4m3* p, size_t n, unsigned seed) {
    for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x) {
        unsigned h = (unsigned)i * 2654435761u ^ seed; h ^= h >> 13; h *= 0x5bd1e995u; h ^= h >> 15;
        p[i] = __nv_fp8_e4m3(((h & 0xFFFF) / 32768.0f) - 1.0f);
    }
}
typedef void (*KFn)(const __nv_bfloat16*, const void*, const void*, const int*, const int*, float*, float*, float*,
                    __nv_bfloat16*, int, int, int, int, float, float);
KFn pick(bool fp8, int hd, int rows) {
#define P(KV, H) if (hd == H) return rows == 8 ? (KFn)paged_decode_##KV##_hd##H##_m8 : (KFn)paged_decode_##KV##_hd##H##_m16;
    if (fp8) { P(fp8, 64) P(fp8, 128) P(fp8, 256) } else { P(bf16, 64) P(bf16, 128) P(bf16, 256) }
    return nullptr;
}
int smem_bytes(int hd) { return WARPS * (MMA_M * (hd + O_PAD) + 2 * MMA_M) * 4; }
int fa2_splits(long ctas, long slots, int blocks, int maxs) {
    if (ctas >= 0.8 * slots) return 1;
    int most = (int)std::min<long>(std::min<long>(maxs, slots), blocks);
    std::vector<double> eff(most + 1, 0); double best = 0;
    auto elig = [&](int s) { return s == 1 || (blocks + s - 1) / s != (blocks + s - 2) / (s - 1); };
    for (int s = 1; s <= most; s++) if (elig(s)) { double w = (double)ctas * s / slots; eff[s] = w / std::ceil(w); best = std::max(best, eff[s]); }
    for (int s = 1; s <= most; s++) if (elig(s) && eff[s] >= 0.85 * best) return s;
    return 1;
}
int ptoks_fa2(int ctx, long ctas, long slots) {
    int tiles = (ctx + 63) / 64; int most = std::max(1, (ctx + 127) / 128);
    int sp = fa2_splits(ctas, slots, tiles, std::min(128, most));
    return (tiles + sp - 1) / sp * 64;
}
int ptoks_of(int ctx, long ctas, int sms, int waves, int minp) {
    long wanted = std::max(1L, (waves * (long)sms + ctas - 1) / ctas);
    long most = std::max(1L, (long)(ctx + minp - 1) / minp);
    long parts = std::min(wanted, most);
    long t = (ctx + parts - 1) / parts;
    return (int)((t + 63) / 64 * 64);
}
struct Prob {
    bool fp8; int batch, heads, kvh, hd, ctx, copies;
    void *k, *v; __nv_bfloat16 *q, *o; int *tables, *lens; float *acc, *mx, *sm; int bps;
};
void setup(Prob& p, int copies, int max_parts) {
    int elt = p.fp8 ? 1 : 2;
    p.bps = (p.ctx + 15) / 16;
    size_t needed = (size_t)p.batch * p.bps;
    size_t block_elems = 16ull * p.kvh * p.hd;
    p.copies = copies;
    CK(cudaMalloc(&p.k, needed * copies * block_elems * elt));
    CK(cudaMalloc(&p.v, needed * copies * block_elems * elt));
    if (p.fp8) { fill_fp8<<<1024, 256>>>((__nv_fp8_e4m3*)p.k, needed * copies * block_elems, 1); fill_fp8<<<1024, 256>>>((__nv_fp8_e4m3*)p.v, needed * copies * block_elems, 2); }
    else { fill_bf16<<<1024, 256>>>((__nv_bfloat16*)p.k, needed * copies * block_elems, 1); fill_bf16<<<1024, 256>>>((__nv_bfloat16*)p.v, needed * copies * block_elems, 2); }
    CK(cudaMalloc(&p.q, 2ull * p.batch * p.heads * p.hd));
    fill_bf16<<<64, 256>>>(p.q, (size_t)p.batch * p.heads * p.hd, 3);
    CK(cudaMalloc(&p.o, 2ull * p.batch * p.heads * p.hd));
    std::vector<int> t(needed * copies);
    size_t stride = std::max<size_t>(1, (size_t)(needed * 0.618)); while (needed > 2 && std::__gcd(stride, needed) != 1) stride++;
    if (needed <= 2) stride = 1;
    for (int c = 0; c < copies; c++) for (size_t i = 0; i < needed; i++) t[c * needed + i] = (int)(c * needed + i * stride % needed);
    CK(cudaMalloc(&p.tables, 4 * t.size())); CK(cudaMemcpy(p.tables, t.data(), 4 * t.size(), cudaMemcpyHostToDevice));
    std::vector<int> l(p.batch, p.ctx);
    CK(cudaMalloc(&p.lens, 4 * p.batch)); CK(cudaMemcpy(p.lens, l.data(), 4 * p.batch, cudaMemcpyHostToDevice));
    size_t rows = (size_t)p.batch * p.heads;
    CK(cudaMalloc(&p.acc, 4 * rows * max_parts * p.hd + 16)); CK(cudaMalloc(&p.mx, 4 * rows * max_parts + 16)); CK(cudaMalloc(&p.sm, 4 * rows * max_parts + 16));
}
void release(Prob& p) { cudaFree(p.k); cudaFree(p.v); cudaFree(p.q); cudaFree(p.o); cudaFree(p.tables); cudaFree(p.lens); cudaFree(p.acc); cudaFree(p.mx); cudaFree(p.sm); }
void launch(Prob& p, int copy, int ptoks, cudaStream_t s) {
    int rows = p.heads / p.kvh <= 8 ? 8 : 16;
    int chunks = (p.heads / p.kvh + rows - 1) / rows;
    int parts = (p.ctx + ptoks - 1) / ptoks;
    KFn f = pick(p.fp8, p.hd, rows);
    dim3 grid(parts, p.kvh * chunks, p.batch);
    f<<<grid, THREADS, smem_bytes(p.hd), s>>>(p.q, p.k, p.v, p.tables + (size_t)copy * p.batch * p.bps, p.lens, p.acc, p.mx, p.sm, p.o,
        p.heads, p.kvh, p.bps, ptoks, 1.0f / sqrtf(p.hd), 1.0f);
    if (parts > 1) paged_decode_merge<<<dim3(p.heads, p.batch), p.hd, 0, s>>>(p.acc, p.mx, p.sm, p.o, p.heads, p.hd, parts);
}
double check(bool fp8, int hd, int batch, int heads, int kvh, int ctx, int ptoks) {
    Prob p{fp8, batch, heads, kvh, hd, ctx};
    setup(p, 1, 64);
    launch(p, 0, ptoks, 0);
    CK(cudaGetLastError());
    float* ref; size_t n = (size_t)batch * heads * hd; CK(cudaMalloc(&ref, 4 * n));
    if (fp8) paged_decode_reference_fp8<<<(n + 127) / 128, 128>>>(p.q, (__nv_fp8_e4m3*)p.k, (__nv_fp8_e4m3*)p.v, p.tables, p.lens, ref, batch, heads, kvh, hd, p.bps, 1.0f / sqrtf(hd), 1.0f);
    else paged_decode_reference_bf16<<<(n + 127) / 128, 128>>>(p.q, (__nv_bfloat16*)p.k, (__nv_bfloat16*)p.v, p.tables, p.lens, ref, batch, heads, kvh, hd, p.bps, 1.0f / sqrtf(hd), 1.0f);
    CK(cudaDeviceSynchronize());
    std::vector<__nv_bfloat16> got(n); std::vector<float> want(n);
    CK(cudaMemcpy(got.data(), p.o, 2 * n, cudaMemcpyDeviceToHost)); CK(cudaMemcpy(want.data(), ref, 4 * n, cudaMemcpyDeviceToHost));
    double mr = 0, me = 0;
    for (size_t i = 0; i < n; i++) { float g = __bfloat162float(got[i]); if (std::isnan(g)) return 1e9; mr = std::max(mr, (double)fabsf(want[i])); me = std::max(me, (double)fabsf(g - want[i])); }
    cudaFree(ref); release(p);
    return me / mr;
}
int main(int argc, char** argv) {
    int sms; CK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0));
    for (int hd : {64, 128, 256}) { int sb = smem_bytes(hd); if (sb > 48 * 1024) {
        CK(cudaFuncSetAttribute(pick(false, hd, 8), cudaFuncAttributeMaxDynamicSharedMemorySize, sb)); CK(cudaFuncSetAttribute(pick(false, hd, 16), cudaFuncAttributeMaxDynamicSharedMemorySize, sb));
        CK(cudaFuncSetAttribute(pick(true, hd, 8), cudaFuncAttributeMaxDynamicSharedMemorySize, sb)); CK(cudaFuncSetAttribute(pick(true, hd, 16), cudaFuncAttributeMaxDynamicSharedMemorySize, sb)); } }
    double worst = 0;
    for (int fp8 = 0; fp8 < 2; fp8++) for (int hd : {64, 128, 256}) for (int group : {1, 4, 5, 8, 9, 16, 32}) for (int ctx : {1, 17, 300, 1000}) for (int pt : {64, 320, 4096}) {
        double e = check(fp8, hd, 3, 2 * group, 2, ctx, pt);
        worst = std::max(worst, e);
        if (e > 2e-2) printf("CHECK FAIL kv=%s hd=%d group=%d ctx=%d ptoks=%d err=%.4g\n", fp8 ? "fp8" : "bf16", hd, group, ctx, pt, e);
    }
    printf("check worst relative error %.4g\n", worst);
    cudaStream_t s; CK(cudaStreamCreate(&s));
    cudaEvent_t a, b; CK(cudaEventCreate(&a)); CK(cudaEventCreate(&b));
    int shapes[][3] = {{64, 8, 128}, {8, 1, 128}, {32, 8, 128}, {4, 1, 128}};
    int variants[][2] = {{0, 0}, {2, 128}};
    int nv = argc > 1 ? atoi(argv[1]) : 2;
    printf("kv,heads,kv_heads,hd,batch,step,waves,min_part,parts,us,tb_s\n");
    for (int fp8 = 0; fp8 < 2; fp8++) for (auto& sh : shapes) for (int batch : {1, 8, 32, 128, 256}) for (int ctx : {128, 1024, 4096, 16384}) {
        double kvbytes = 2.0 * batch * ctx * sh[1] * sh[2] * (fp8 ? 1 : 2);
        if (kvbytes > 40e9) continue;
        int copies = (int)std::min(16.0, std::max(1.0, std::ceil(256e6 / kvbytes)));
        Prob p{(bool)fp8, batch, sh[0], sh[1], sh[2], ctx};
        setup(p, copies, 512);
        int rows = sh[0] / sh[1] <= 8 ? 8 : 16; int chunks = (sh[0] / sh[1] + rows - 1) / rows;
        for (int vi = 0; vi < nv; vi++) {
            int occ; CK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&occ, pick(fp8, sh[2], rows), THREADS, smem_bytes(sh[2])));
            int pt = vi == 0 ? ptoks_fa2(ctx, (long)batch * sh[1] * chunks, (long)sms * occ)
                             : ptoks_of(ctx, (long)batch * sh[1] * chunks, sms, variants[vi][0], variants[vi][1]);
            int per = std::max(1, (int)(2e-3 / (kvbytes / 4e12 + 3e-6)));
            per = std::min(per, 400);
            int launches = std::max(per, copies);
            cudaGraph_t g; cudaGraphExec_t ge;
            CK(cudaStreamBeginCapture(s, cudaStreamCaptureModeGlobal));
            for (int i = 0; i < launches; i++) launch(p, i % copies, pt, s);
            CK(cudaStreamEndCapture(s, &g)); CK(cudaGraphInstantiate(&ge, g, 0));
            for (int w = 0; w < 3; w++) CK(cudaGraphLaunch(ge, s));
            std::vector<float> ts;
            for (int r = 0; r < 9; r++) { CK(cudaEventRecord(a, s)); CK(cudaGraphLaunch(ge, s)); CK(cudaEventRecord(b, s)); CK(cudaEventSynchronize(b)); float ms; CK(cudaEventElapsedTime(&ms, a, b)); ts.push_back(ms / launches); }
            std::sort(ts.begin(), ts.end());
            double us = ts[4] * 1e3;
            printf("%s,%d,%d,%d,%d,%d,%d,%d,%d,%.3f,%.2f\n", fp8 ? "fp8" : "bf16", sh[0], sh[1], sh[2], batch, ctx - 1, variants[vi][0], variants[vi][1], (ctx + pt - 1) / pt, us, kvbytes / us * 1e-6);
            cudaGraphExecDestroy(ge); cudaGraphDestroy(g);
        }
        release(p);
    }
    CK(cudaGetLastError());
    return 0;
}
