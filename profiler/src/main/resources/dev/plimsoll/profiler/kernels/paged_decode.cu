// Plimsoll profiler: decode attention over a paged KV cache (one new token per request), the
// memory-bound kernel every decode step runs per attention layer.
//
// Layout as vLLM's FlashAttention backend stores it: K and V caches of
// [num_blocks][BLOCK_TOKENS][kv_heads][head_dim], a block table of [batch][max_blocks] and one
// context length per request. Split-KV ("flash decoding": Dao et al., 2023): each CTA attends one
// request's query heads of one KV head over one partition of the context, staging 64-token tiles
// of K and V in shared memory with an online softmax; a second kernel merges the partitions.
// Built by `plimsoll profile` on the GPU host: nvcc -cubin -arch=sm_XX paged_decode.cu
#include <cuda_bf16.h>
#include <cuda_fp8.h>
#include <stdint.h>

#define BLOCK_TOKENS 16
#define TILE 64
#define THREADS 128
#define ROW_PAD 16

template <typename KV> __device__ __forceinline__ float to_float(KV v);
template <> __device__ __forceinline__ float to_float<__nv_bfloat16>(__nv_bfloat16 v) { return __bfloat162float(v); }
template <> __device__ __forceinline__ float to_float<__nv_fp8_e4m3>(__nv_fp8_e4m3 v) { return float(v); }

// Dynamic shared memory (the profiler computes the same size: PagedDecodeKernels.sharedBytes): K tile, V tile (rows padded by 16 bytes so that 16-byte reads of
// different rows fall in different banks), scores [GMAX][TILE], query [GMAX][HD] as float,
// running max, running sum and rescale factor per head.
template <typename KV, int HD, int GMAX>
struct Smem {
    static constexpr int ROW_BYTES = HD * (int)sizeof(KV) + ROW_PAD;
    static constexpr int TILE_BYTES = TILE * ROW_BYTES;
    static constexpr int BYTES = 2 * TILE_BYTES + (GMAX * TILE + GMAX * HD + 3 * GMAX) * 4;
};

template <typename KV, int HD, int GMAX>
__device__ __forceinline__ void decode_partition(
        const __nv_bfloat16* __restrict__ q, const KV* __restrict__ k_cache, const KV* __restrict__ v_cache,
        const int* __restrict__ block_table, const int* __restrict__ context_lens,
        float* __restrict__ part_acc, float* __restrict__ part_max, float* __restrict__ part_sum,
        __nv_bfloat16* __restrict__ out, int heads, int kv_heads, int max_blocks, int partition_tokens,
        float scale, float kv_scale) {
    typedef Smem<KV, HD, GMAX> S;
    extern __shared__ __align__(16) unsigned char smem[];
    unsigned char* k_tile = smem;
    unsigned char* v_tile = smem + S::TILE_BYTES;
    float* scores = reinterpret_cast<float*>(smem + 2 * S::TILE_BYTES);
    float* q_s = scores + GMAX * TILE;
    float* run_max = q_s + GMAX * HD;
    float* run_sum = run_max + GMAX;
    float* alpha = run_sum + GMAX;

    const int group = heads / kv_heads;
    const int chunks = (group + GMAX - 1) / GMAX;
    const int kvh = blockIdx.y / chunks;
    const int head0 = kvh * group + (blockIdx.y % chunks) * GMAX;
    const int g_count = min(GMAX, kvh * group + group - head0);
    const int b = blockIdx.z;
    const int part = blockIdx.x;
    const int parts = gridDim.x;
    const int ctx = context_lens[b];
    const int start = part * partition_tokens;
    const int end = min(ctx, start + partition_tokens);
    const int tid = threadIdx.x;

    for (int i = tid; i < GMAX * HD; i += THREADS) {
        int g = i / HD, d = i % HD;
        q_s[i] = g < g_count ? __bfloat162float(q[((size_t)b * heads + head0 + g) * HD + d]) * scale : 0.0f;
    }
    if (tid < GMAX) {
        run_max[tid] = -INFINITY;
        run_sum[tid] = 0.0f;
    }
    // P x V: thread -> dimension pair dp = tid % PAIRS of heads g = tid / PAIRS + HEAD_STRIDE * j
    constexpr int PAIRS = HD / 2;
    constexpr int HEAD_STRIDE = THREADS / PAIRS;
    constexpr int OUTS = (GMAX + HEAD_STRIDE - 1) / HEAD_STRIDE;
    const int dp = tid % PAIRS;
    const int gfirst = tid / PAIRS;
    float acc[OUTS][2];
#pragma unroll
    for (int j = 0; j < OUTS; j++) {
        acc[j][0] = 0.0f;
        acc[j][1] = 0.0f;
    }
    constexpr int CHUNKS_PER_ROW = HD * (int)sizeof(KV) / 16;
    constexpr int LOADS = TILE * CHUNKS_PER_ROW / THREADS;
    const size_t row_stride = (size_t)kv_heads * HD;
    const int* table = block_table + (size_t)b * max_blocks;
    __syncthreads();

    for (int t0 = start; t0 < end; t0 += TILE) {
        // 1. K and V tiles into shared memory, 16 bytes a load, every load issued before any store
        constexpr int BATCH = LOADS < 8 ? LOADS : 8;
#pragma unroll
        for (int base = 0; base < LOADS; base += BATCH) {
            uint4 kr[BATCH], vr[BATCH];
#pragma unroll
            for (int i = 0; i < BATCH; i++) {
                int c = tid + (base + i) * THREADS;
                int row = c / CHUNKS_PER_ROW, col = c % CHUNKS_PER_ROW;
                int t = t0 + row;
                if (t < end) {
                    size_t off = ((size_t)table[t / BLOCK_TOKENS] * BLOCK_TOKENS + t % BLOCK_TOKENS) * row_stride
                            + (size_t)kvh * HD;
                    kr[i] = reinterpret_cast<const uint4*>(k_cache + off)[col];
                    vr[i] = reinterpret_cast<const uint4*>(v_cache + off)[col];
                } else {
                    kr[i] = make_uint4(0, 0, 0, 0);
                    vr[i] = make_uint4(0, 0, 0, 0);
                }
            }
#pragma unroll
            for (int i = 0; i < BATCH; i++) {
                int c = tid + (base + i) * THREADS;
                int row = c / CHUNKS_PER_ROW, col = c % CHUNKS_PER_ROW;
                reinterpret_cast<uint4*>(k_tile + row * S::ROW_BYTES)[col] = kr[i];
                reinterpret_cast<uint4*>(v_tile + row * S::ROW_BYTES)[col] = vr[i];
            }
        }
        __syncthreads();

        // 2. scores: thread -> token tid % TILE, heads tid / TILE + 2j
        {
            const int t = tid % TILE;
            const int g0 = tid / TILE;
            constexpr int GS = (GMAX + 1) / 2;
            float s[GS];
#pragma unroll
            for (int j = 0; j < GS; j++) {
                s[j] = 0.0f;
            }
            const uint4* krow = reinterpret_cast<const uint4*>(k_tile + t * S::ROW_BYTES);
            constexpr int PER_CHUNK = 16 / (int)sizeof(KV);
#pragma unroll 4
            for (int c = 0; c < CHUNKS_PER_ROW; c++) {
                uint4 w = krow[c];
                const KV* e = reinterpret_cast<const KV*>(&w);
                float kf[PER_CHUNK];
#pragma unroll
                for (int x = 0; x < PER_CHUNK; x++) {
                    kf[x] = to_float<KV>(e[x]);
                }
#pragma unroll
                for (int j = 0; j < GS; j++) {
                    int g = g0 + 2 * j;
                    if (g < GMAX) {
                        const float* qg = q_s + g * HD + c * PER_CHUNK;
#pragma unroll
                        for (int x = 0; x < PER_CHUNK; x++) {
                            s[j] += qg[x] * kf[x];
                        }
                    }
                }
            }
#pragma unroll
            for (int j = 0; j < GS; j++) {
                int g = g0 + 2 * j;
                if (g < GMAX) {
                    scores[g * TILE + t] = (t0 + t < end && g < g_count) ? s[j] * kv_scale : -INFINITY;
                }
            }
        }
        __syncthreads();

        // 3. online softmax, one warp per head
        {
            const int warp = tid >> 5, lane = tid & 31;
            for (int g = warp; g < GMAX; g += THREADS / 32) {
                float a = scores[g * TILE + lane], c2 = scores[g * TILE + lane + 32];
                float m = fmaxf(a, c2);
                for (int o = 16; o > 0; o >>= 1) {
                    m = fmaxf(m, __shfl_xor_sync(0xffffffffu, m, o));
                }
                float m_old = run_max[g];
                float m_new = fmaxf(m_old, m);
                float pa = m_new == -INFINITY ? 0.0f : __expf(a - m_new);
                float pc = m_new == -INFINITY ? 0.0f : __expf(c2 - m_new);
                scores[g * TILE + lane] = pa;
                scores[g * TILE + lane + 32] = pc;
                float sum = pa + pc;
                for (int o = 16; o > 0; o >>= 1) {
                    sum += __shfl_xor_sync(0xffffffffu, sum, o);
                }
                __syncwarp();
                if (lane == 0) {
                    float al = m_old == -INFINITY ? 0.0f : __expf(m_old - m_new);
                    alpha[g] = al;
                    run_sum[g] = run_sum[g] * al + sum;
                    run_max[g] = m_new;
                }
            }
        }
        __syncthreads();

        // 4. acc[g][d] = acc * alpha[g] + sum_t p[g][t] * V[t][d], two dimensions and four tokens at a time
        const int rows = min(TILE, end - t0);
#pragma unroll
        for (int j = 0; j < OUTS; j++) {
            int g = gfirst + HEAD_STRIDE * j;
            if (g < GMAX) {
                acc[j][0] *= alpha[g];
                acc[j][1] *= alpha[g];
            }
        }
        for (int t = 0; t < rows; t += 4) {
            float2 v[4];
#pragma unroll
            for (int u = 0; u < 4; u++) {
                const KV* vrow = reinterpret_cast<const KV*>(v_tile + (t + u) * S::ROW_BYTES);
                v[u] = make_float2(to_float<KV>(vrow[2 * dp]), to_float<KV>(vrow[2 * dp + 1]));
            }
#pragma unroll
            for (int j = 0; j < OUTS; j++) {
                int g = gfirst + HEAD_STRIDE * j;
                if (g < GMAX) {
                    // rows past the tile's end hold zeros and scores of exactly 0 (masked), adding nothing
                    float4 p = *reinterpret_cast<const float4*>(scores + g * TILE + t);
                    acc[j][0] += p.x * v[0].x + p.y * v[1].x + p.z * v[2].x + p.w * v[3].x;
                    acc[j][1] += p.x * v[0].y + p.y * v[1].y + p.z * v[2].y + p.w * v[3].y;
                }
            }
        }
        __syncthreads();
    }

#pragma unroll
    for (int j = 0; j < OUTS; j++) {
        int g = gfirst + HEAD_STRIDE * j;
        if (g < g_count) {
            size_t bh = (size_t)b * heads + head0 + g;
            for (int x = 0; x < 2; x++) {
                int d = 2 * dp + x;
                float v = acc[j][x] * kv_scale;
                if (parts == 1) {
                    out[bh * HD + d] = __float2bfloat16(run_sum[g] > 0.0f ? v / run_sum[g] : 0.0f);
                } else {
                    part_acc[(bh * parts + part) * HD + d] = v;
                }
            }
            if (parts > 1 && dp == 0) {
                part_max[bh * parts + part] = run_max[g];
                part_sum[bh * parts + part] = run_sum[g];
            }
        }
    }
}

#define DECODE_KERNEL(NAME, KV, HD, GMAX)                                                                     \
    extern "C" __global__ void __launch_bounds__(THREADS) NAME(                                              \
            const __nv_bfloat16* q, const KV* k_cache, const KV* v_cache, const int* block_table,            \
            const int* context_lens, float* part_acc, float* part_max, float* part_sum, __nv_bfloat16* out,  \
            int heads, int kv_heads, int max_blocks, int partition_tokens, float scale, float kv_scale) {    \
        decode_partition<KV, HD, GMAX>(q, k_cache, v_cache, block_table, context_lens, part_acc, part_max,  \
                part_sum, out, heads, kv_heads, max_blocks, partition_tokens, scale, kv_scale);              \
    }

#define DECODE_FAMILY(KVNAME, KV, HD)                         \
    DECODE_KERNEL(paged_decode_##KVNAME##_hd##HD##_g2, KV, HD, 2) \
    DECODE_KERNEL(paged_decode_##KVNAME##_hd##HD##_g4, KV, HD, 4) \
    DECODE_KERNEL(paged_decode_##KVNAME##_hd##HD##_g8, KV, HD, 8) \
    DECODE_KERNEL(paged_decode_##KVNAME##_hd##HD##_g16, KV, HD, 16)

DECODE_FAMILY(bf16, __nv_bfloat16, 64)
DECODE_FAMILY(bf16, __nv_bfloat16, 128)
DECODE_FAMILY(bf16, __nv_bfloat16, 256)
DECODE_FAMILY(fp8, __nv_fp8_e4m3, 64)
DECODE_FAMILY(fp8, __nv_fp8_e4m3, 128)
DECODE_FAMILY(fp8, __nv_fp8_e4m3, 256)

// Merges the partitions of one (request, head): grid (heads, batch), one thread per dimension.
extern "C" __global__ void paged_decode_merge(const float* __restrict__ part_acc, const float* __restrict__ part_max,
                                              const float* __restrict__ part_sum, __nv_bfloat16* __restrict__ out,
                                              int heads, int head_dim, int parts) {
    size_t bh = (size_t)blockIdx.y * heads + blockIdx.x;
    float m = -INFINITY;
    for (int p = 0; p < parts; p++) {
        m = fmaxf(m, part_max[bh * parts + p]);
    }
    for (int d = threadIdx.x; d < head_dim; d += blockDim.x) {
        float num = 0.0f, den = 0.0f;
        for (int p = 0; p < parts; p++) {
            float pm = part_max[bh * parts + p];
            float w = pm == -INFINITY ? 0.0f : __expf(pm - m);
            num += part_acc[(bh * parts + p) * head_dim + d] * w;
            den += part_sum[bh * parts + p] * w;
        }
        out[bh * head_dim + d] = __float2bfloat16(den > 0.0f ? num / den : 0.0f);
    }
}

// Plain reference for the correctness check before timing: one thread per (request, head,
// dimension), two passes over the context, float output.
template <typename KV>
__device__ void decode_reference(const __nv_bfloat16* q, const KV* k_cache, const KV* v_cache, const int* block_table,
                                 const int* context_lens, float* out, int batch, int heads, int kv_heads,
                                 int head_dim, int max_blocks, float scale, float kv_scale) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i >= (size_t)batch * heads * head_dim) {
        return;
    }
    int d = i % head_dim;
    int h = (i / head_dim) % heads;
    int b = i / ((size_t)head_dim * heads);
    int kvh = h / (heads / kv_heads);
    const __nv_bfloat16* qv = q + ((size_t)b * heads + h) * head_dim;
    size_t row_stride = (size_t)kv_heads * head_dim;
    int ctx = context_lens[b];
    float m = -INFINITY;
    for (int t = 0; t < ctx; t++) {
        size_t off = ((size_t)block_table[(size_t)b * max_blocks + t / BLOCK_TOKENS] * BLOCK_TOKENS
                + t % BLOCK_TOKENS) * row_stride + (size_t)kvh * head_dim;
        float s = 0.0f;
        for (int x = 0; x < head_dim; x++) {
            s += __bfloat162float(qv[x]) * to_float<KV>(k_cache[off + x]);
        }
        m = fmaxf(m, s * scale * kv_scale);
    }
    float l = 0.0f, acc = 0.0f;
    for (int t = 0; t < ctx; t++) {
        size_t off = ((size_t)block_table[(size_t)b * max_blocks + t / BLOCK_TOKENS] * BLOCK_TOKENS
                + t % BLOCK_TOKENS) * row_stride + (size_t)kvh * head_dim;
        float s = 0.0f;
        for (int x = 0; x < head_dim; x++) {
            s += __bfloat162float(qv[x]) * to_float<KV>(k_cache[off + x]);
        }
        float p = __expf(s * scale * kv_scale - m);
        l += p;
        acc += p * to_float<KV>(v_cache[off + d]) * kv_scale;
    }
    out[i] = acc / l;
}

extern "C" __global__ void paged_decode_reference_bf16(const __nv_bfloat16* q, const __nv_bfloat16* k,
        const __nv_bfloat16* v, const int* bt, const int* cl, float* out, int batch, int heads, int kv_heads,
        int head_dim, int max_blocks, float scale, float kv_scale) {
    decode_reference<__nv_bfloat16>(q, k, v, bt, cl, out, batch, heads, kv_heads, head_dim, max_blocks, scale,
            kv_scale);
}

extern "C" __global__ void paged_decode_reference_fp8(const __nv_bfloat16* q, const __nv_fp8_e4m3* k,
        const __nv_fp8_e4m3* v, const int* bt, const int* cl, float* out, int batch, int heads, int kv_heads,
        int head_dim, int max_blocks, float scale, float kv_scale) {
    decode_reference<__nv_fp8_e4m3>(q, k, v, bt, cl, out, batch, heads, kv_heads, head_dim, max_blocks, scale,
            kv_scale);
}
