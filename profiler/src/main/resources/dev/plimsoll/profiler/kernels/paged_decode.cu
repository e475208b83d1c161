// Plimsoll profiler: decode attention over a paged KV cache (one new token per request), the
// memory-bound kernel every decode step runs per attention layer, on tensor cores.
//
// Layout as vLLM's FlashAttention backend stores it: K and V caches of
// [num_blocks][BLOCK_TOKENS][kv_heads][head_dim], a block table of [batch][max_blocks] and one
// context length per request. Split-KV ("flash decoding": Dao et al., 2023): each CTA attends one
// request's query heads of one KV head over one partition of the context; a second kernel merges
// the partitions. The query heads that share a KV head (GQA) are the rows of the MMA's M
// dimension (FlashAttention-3 packs them the same way for decode: "pack_gqa" in its
// hopper/flash_api.cpp), so one pass over K and V serves all of them.
//
// Inside a CTA, each of the four warps takes every fourth 16-token block of the partition (one
// block-table entry a step) and keeps its own online softmax (m, l, O) in registers:
//   S = Q K^T  mma.sync m16n8k16 (M: query heads, N: 8 tokens, K: 16 head dimensions),
//   O += P V   mma.sync m16n8k16 (M: query heads, N: 8 head dimensions, K: the 16 tokens),
// P taken from S's accumulators in registers as FlashAttention-2 does. K and V are read straight
// from global memory into the B fragments, 8 dimensions (16 bytes of bf16, 8 of fp8) a load:
//   - for S the head dimension is the reduction, so its order is free: thread (g = lane/4,
//     c = lane%4) reads dimensions 32j + 8c .. +7 of token g (and 8+g) and uses them for K steps
//     2j and 2j+1; Q's A fragments are loaded in the same order (qk_dim below);
//   - for P V the tokens are the reduction and pairs of consecutive tokens share a register, so
//     the thread reads two tokens' rows and pairs them with byte permutes (a 2x2 transpose); the
//     output dimension of accumulator (n-tile 8i + h, column n) is 64i + 8n + h (pv_dim below).
// fp8 e4m3 KV is widened to fp16 in registers and multiplied on fp16 MMAs (struct Mma below).
// Warps merge their softmax states through shared memory at the end.
// Built by `plimsoll profile` on the GPU host: nvcc -cubin -arch=sm_XX paged_decode.cu (sm_80 and
// newer: mma.sync bf16 and f16).
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_fp8.h>
#include <stdint.h>

#define BLOCK_TOKENS 16
#define WARPS 4
#define THREADS (WARPS * 32)
#define MMA_M 16
// shared-memory rows of the warps' accumulators are padded by 4 floats against bank conflicts
#define O_PAD 4
#define LOG2E 1.4426950408889634f

// How a KV type meets the tensor cores. bf16 KV: bf16 MMAs, K and V read as they are. fp8 e4m3
// KV: fp16 MMAs, K and V widened to fp16 in registers, one cvt.rn.f16x2.e4m3x2 per two elements
// (exact: e4m3's range and 3 mantissa bits fit fp16), Q and P rounded to fp16. Widening to bf16
// instead goes through fp32 (no direct e4m3-to-bf16 conversion on sm_90), four conversions per
// two elements at a quarter of the ALU rate, which left the kernel compute-bound at 1.2 TB/s on an
// H200; the engines' own fp8-KV paths compute in fp8 (FlashAttention-3's e4m3 WGMMA with Q
// quantised too) or widen in registers (vLLM's paged_attention kernels).
template <typename KV> struct Mma;
template <> struct Mma<__nv_bfloat16> {
    // 8 consecutive dimensions of one token's row as 4 bf16x2 words (low half the lower dimension)
    static __device__ __forceinline__ void load8(const __nv_bfloat16* p, uint32_t w[4]) {
        uint4 v = *reinterpret_cast<const uint4*>(p);
        w[0] = v.x;
        w[1] = v.y;
        w[2] = v.z;
        w[3] = v.w;
    }
    static __device__ __forceinline__ uint32_t q_pair(const __nv_bfloat16* p) {
        return *reinterpret_cast<const uint32_t*>(p);
    }
    static __device__ __forceinline__ uint32_t pack(float lo, float hi) {
        __nv_bfloat162 b = __floats2bfloat162_rn(lo, hi);
        return *reinterpret_cast<uint32_t*>(&b);
    }
    static __device__ __forceinline__ void mma(float d[4], const uint32_t a[4], uint32_t b0, uint32_t b1) {
        asm volatile(
                "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
                "{%0,%1,%2,%3};\n"
                : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
    }
};
template <> struct Mma<__nv_fp8_e4m3> {
    static __device__ __forceinline__ uint32_t widen2(uint32_t pair) {
        __half2_raw h = __nv_cvt_fp8x2_to_halfraw2((__nv_fp8x2_storage_t)pair, __NV_E4M3);
        return (uint32_t)h.x | ((uint32_t)h.y << 16);
    }
    // 8 consecutive dimensions (8 bytes) as 4 f16x2 words
    static __device__ __forceinline__ void load8(const __nv_fp8_e4m3* p, uint32_t w[4]) {
        uint2 v = *reinterpret_cast<const uint2*>(p);
        w[0] = widen2(v.x & 0xFFFFu);
        w[1] = widen2(v.x >> 16);
        w[2] = widen2(v.y & 0xFFFFu);
        w[3] = widen2(v.y >> 16);
    }
    static __device__ __forceinline__ uint32_t pack(float lo, float hi) {
        __half2 h = __floats2half2_rn(lo, hi);
        return *reinterpret_cast<uint32_t*>(&h);
    }
    static __device__ __forceinline__ uint32_t q_pair(const __nv_bfloat16* p) {
        float2 f = __bfloat1622float2(*reinterpret_cast<const __nv_bfloat162*>(p));
        return pack(f.x, f.y);
    }
    static __device__ __forceinline__ void mma(float d[4], const uint32_t a[4], uint32_t b0, uint32_t b1) {
        asm volatile(
                "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
                "{%0,%1,%2,%3};\n"
                : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
    }
};

// The head dimension that K step s, logical column k (0..15) reads (see the header).
__device__ __forceinline__ int qk_dim(int s, int k) {
    return 32 * (s >> 1) + 8 * ((k & 7) >> 1) + 4 * (s & 1) + 2 * (k >> 3) + (k & 1);
}

// Dynamic shared memory (PagedDecodeKernels.sharedBytes computes the same): per warp, its
// accumulator O [MMA_M][HD + O_PAD], running max and running sum [MMA_M], all float.
template <int HD>
struct Smem {
    static constexpr int O_STRIDE = HD + O_PAD;
    static constexpr int PER_WARP = MMA_M * O_STRIDE + 2 * MMA_M;
    static constexpr int BYTES = WARPS * PER_WARP * 4;
};

// ROWS: the query heads a CTA holds, 8 or 16. With 8, rows 8-15 of the MMAs are zero and their
// accumulators are not kept (fewer registers); the MMAs cost the same.
template <typename KV, int HD, int ROWS>
__device__ __forceinline__ void decode_partition(
        const __nv_bfloat16* __restrict__ q, const KV* __restrict__ k_cache, const KV* __restrict__ v_cache,
        const int* __restrict__ block_table, const int* __restrict__ context_lens,
        float* __restrict__ part_acc, float* __restrict__ part_max, float* __restrict__ part_sum,
        __nv_bfloat16* __restrict__ out, int heads, int kv_heads, int max_blocks, int partition_tokens,
        float scale, float kv_scale) {
    constexpr int KSTEPS = HD / 16;   // S = Q K^T reduction steps
    constexpr int KGROUPS = HD / 32;  // 8-dimension loads per K row and thread
    constexpr int VGROUPS = HD / 64;  // 8-dimension loads per V row and thread
    constexpr int NTILES = HD / 8;    // O's n-tiles
    constexpr bool HIGH = ROWS > 8;   // rows 8-15 in use
    typedef Smem<HD> S;
    extern __shared__ __align__(16) float smem[];

    const int group = heads / kv_heads;
    const int chunks = (group + ROWS - 1) / ROWS;
    const int kvh = blockIdx.y / chunks;
    const int head0 = kvh * group + (blockIdx.y % chunks) * ROWS;
    const int g_count = min(ROWS, kvh * group + group - head0);
    const int b = blockIdx.z;
    const int part = blockIdx.x;
    const int parts = gridDim.x;
    const int ctx = context_lens[b];
    const int start = part * partition_tokens;
    const int end = min(ctx, start + partition_tokens);
    const int warp = threadIdx.x >> 5;
    const int lane = threadIdx.x & 31;
    const int g = lane >> 2;
    const int c = lane & 3;

    // Q's A fragments, rows g and g + 8, in qk_dim order
    uint32_t qa[KSTEPS][4];
    {
        const __nv_bfloat16* q_lo = q + ((size_t)b * heads + head0 + g) * HD;
        const __nv_bfloat16* q_hi = q_lo + 8 * HD;
        const bool lo_ok = g < g_count;
        const bool hi_ok = HIGH && g + 8 < g_count;
#pragma unroll
        for (int s = 0; s < KSTEPS; s++) {
            int d0 = qk_dim(s, 2 * c);
            int d1 = qk_dim(s, 2 * c + 8);
            qa[s][0] = lo_ok ? Mma<KV>::q_pair(q_lo + d0) : 0u;
            qa[s][1] = hi_ok ? Mma<KV>::q_pair(q_hi + d0) : 0u;
            qa[s][2] = lo_ok ? Mma<KV>::q_pair(q_lo + d1) : 0u;
            qa[s][3] = hi_ok ? Mma<KV>::q_pair(q_hi + d1) : 0u;
        }
    }
    const float score_scale = scale * kv_scale * LOG2E;
    float o[NTILES][4];
#pragma unroll
    for (int j = 0; j < NTILES; j++) {
        o[j][0] = o[j][1] = o[j][2] = o[j][3] = 0.0f;
    }
    float m_lo = -INFINITY, m_hi = -INFINITY, l_lo = 0.0f, l_hi = 0.0f;
    const size_t row_stride = (size_t)kv_heads * HD;
    const int* table = block_table + (size_t)b * max_blocks;

    for (int t0 = start + warp * BLOCK_TOKENS; t0 < end; t0 += WARPS * BLOCK_TOKENS) {
        const size_t base = (size_t)table[t0 / BLOCK_TOKENS] * BLOCK_TOKENS * row_stride + (size_t)kvh * HD;
        // every load of the block before any use: K rows g and 8+g, V rows 2c, 2c+1, 2c+8, 2c+9
        uint32_t kw[2][KGROUPS][4];
        uint32_t vw[4][VGROUPS][4];
#pragma unroll
        for (int r = 0; r < 2; r++) {
            const KV* row = k_cache + base + (size_t)(8 * r + g) * row_stride;
#pragma unroll
            for (int j = 0; j < KGROUPS; j++) {
                Mma<KV>::load8(row + 32 * j + 8 * c, kw[r][j]);
            }
        }
#pragma unroll
        for (int r = 0; r < 4; r++) {
            const int tok = 2 * c + (r & 1) + 8 * (r >> 1);
            const KV* row = v_cache + base + (size_t)tok * row_stride;
            const bool ok = t0 + tok < end;
#pragma unroll
            for (int i = 0; i < VGROUPS; i++) {
                if (ok) {
                    Mma<KV>::load8(row + 64 * i + 8 * g, vw[r][i]);
                } else {
                    vw[r][i][0] = vw[r][i][1] = vw[r][i][2] = vw[r][i][3] = 0u;
                }
            }
        }
        // S: two n-tiles of 8 tokens (tokens 0-7 and 8-15 of the block)
        float s[2][4];
#pragma unroll
        for (int n = 0; n < 2; n++) {
            s[n][0] = s[n][1] = s[n][2] = s[n][3] = 0.0f;
#pragma unroll
            for (int st = 0; st < KSTEPS; st++) {
                const int j = st >> 1, h = st & 1;
                Mma<KV>::mma(s[n], qa[st], kw[n][j][2 * h], kw[n][j][2 * h + 1]);
            }
        }
        // scale, mask tokens past the partition, online softmax per row (the four threads of a quad
        // hold one row's 16 scores)
        float mx_lo = -INFINITY, mx_hi = -INFINITY;
#pragma unroll
        for (int n = 0; n < 2; n++) {
#pragma unroll
            for (int e = 0; e < 2; e++) {
                const bool ok = t0 + 8 * n + 2 * c + e < end;
                s[n][e] = ok ? s[n][e] * score_scale : -INFINITY;
                s[n][2 + e] = ok ? s[n][2 + e] * score_scale : -INFINITY;
                mx_lo = fmaxf(mx_lo, s[n][e]);
                mx_hi = fmaxf(mx_hi, s[n][2 + e]);
            }
        }
#pragma unroll
        for (int x = 1; x < 4; x <<= 1) {
            mx_lo = fmaxf(mx_lo, __shfl_xor_sync(0xffffffffu, mx_lo, x));
            mx_hi = fmaxf(mx_hi, __shfl_xor_sync(0xffffffffu, mx_hi, x));
        }
        const float mn_lo = fmaxf(m_lo, mx_lo), mn_hi = fmaxf(m_hi, mx_hi);
        const float al_lo = exp2f(m_lo - mn_lo), al_hi = exp2f(m_hi - mn_hi);
        m_lo = mn_lo;
        m_hi = mn_hi;
        float sum_lo = 0.0f, sum_hi = 0.0f;
#pragma unroll
        for (int n = 0; n < 2; n++) {
#pragma unroll
            for (int e = 0; e < 2; e++) {
                s[n][e] = exp2f(s[n][e] - mn_lo);
                s[n][2 + e] = exp2f(s[n][2 + e] - mn_hi);
                sum_lo += s[n][e];
                sum_hi += s[n][2 + e];
            }
        }
        l_lo = l_lo * al_lo + sum_lo;
        l_hi = l_hi * al_hi + sum_hi;
        uint32_t pa[4];
        pa[0] = Mma<KV>::pack(s[0][0], s[0][1]);
        pa[1] = HIGH ? Mma<KV>::pack(s[0][2], s[0][3]) : 0u;
        pa[2] = Mma<KV>::pack(s[1][0], s[1][1]);
        pa[3] = HIGH ? Mma<KV>::pack(s[1][2], s[1][3]) : 0u;
        // O = O * alpha + P V
#pragma unroll
        for (int i = 0; i < VGROUPS; i++) {
#pragma unroll
            for (int h = 0; h < 8; h++) {
                const int w = h >> 1;
                const uint32_t sel = (h & 1) ? 0x7632u : 0x5410u;
                const uint32_t b0 = __byte_perm(vw[0][i][w], vw[1][i][w], sel);
                const uint32_t b1 = __byte_perm(vw[2][i][w], vw[3][i][w], sel);
                float* acc = o[8 * i + h];
                acc[0] *= al_lo;
                acc[1] *= al_lo;
                if (HIGH) {
                    acc[2] *= al_hi;
                    acc[3] *= al_hi;
                    Mma<KV>::mma(acc, pa, b0, b1);
                } else {
                    float t[4] = {acc[0], acc[1], 0.0f, 0.0f};
                    Mma<KV>::mma(t, pa, b0, b1);
                    acc[0] = t[0];
                    acc[1] = t[1];
                }
            }
        }
    }

    // the quad's partial sums, then the warps' states into shared memory
#pragma unroll
    for (int x = 1; x < 4; x <<= 1) {
        l_lo += __shfl_xor_sync(0xffffffffu, l_lo, x);
        l_hi += __shfl_xor_sync(0xffffffffu, l_hi, x);
    }
    float* o_s = smem + warp * S::PER_WARP;
    float* m_s = o_s + MMA_M * S::O_STRIDE;
    float* l_s = m_s + MMA_M;
#pragma unroll
    for (int i = 0; i < VGROUPS; i++) {
#pragma unroll
        for (int h = 0; h < 8; h++) {
#pragma unroll
            for (int e = 0; e < 2; e++) {
                const int d = 64 * i + 8 * (2 * c + e) + h;  // pv_dim of column 2c + e
                o_s[g * S::O_STRIDE + d] = o[8 * i + h][e];
                o_s[(g + 8) * S::O_STRIDE + d] = HIGH ? o[8 * i + h][2 + e] : 0.0f;
            }
        }
    }
    if (c == 0) {
        m_s[g] = m_lo;
        l_s[g] = l_lo;
        m_s[g + 8] = HIGH ? m_hi : -INFINITY;
        l_s[g + 8] = HIGH ? l_hi : 0.0f;
    }
    __syncthreads();
    for (int idx = threadIdx.x; idx < g_count * HD; idx += THREADS) {
        const int r = idx / HD, d = idx % HD;
        float m = -INFINITY;
#pragma unroll
        for (int w = 0; w < WARPS; w++) {
            m = fmaxf(m, smem[w * S::PER_WARP + MMA_M * S::O_STRIDE + r]);
        }
        float num = 0.0f, den = 0.0f;
#pragma unroll
        for (int w = 0; w < WARPS; w++) {
            const float* ws = smem + w * S::PER_WARP;
            const float wm = ws[MMA_M * S::O_STRIDE + r];
            const float f = wm == -INFINITY ? 0.0f : exp2f(wm - m);
            num += ws[r * S::O_STRIDE + d] * f;
            den += ws[MMA_M * S::O_STRIDE + MMA_M + r] * f;
        }
        const size_t bh = (size_t)b * heads + head0 + r;
        if (parts == 1) {
            out[bh * HD + d] = __float2bfloat16(den > 0.0f ? num * kv_scale / den : 0.0f);
        } else {
            part_acc[(bh * parts + part) * HD + d] = num * kv_scale;
            if (d == 0) {
                part_max[bh * parts + part] = m;
                part_sum[bh * parts + part] = den;
            }
        }
    }
}

#define DECODE_KERNEL(NAME, KV, HD, ROWS)                                                                     \
    extern "C" __global__ void __launch_bounds__(THREADS) NAME(                                              \
            const __nv_bfloat16* q, const KV* k_cache, const KV* v_cache, const int* block_table,            \
            const int* context_lens, float* part_acc, float* part_max, float* part_sum, __nv_bfloat16* out,  \
            int heads, int kv_heads, int max_blocks, int partition_tokens, float scale, float kv_scale) {    \
        decode_partition<KV, HD, ROWS>(q, k_cache, v_cache, block_table, context_lens, part_acc, part_max,  \
                part_sum, out, heads, kv_heads, max_blocks, partition_tokens, scale, kv_scale);              \
    }

#define DECODE_FAMILY(KVNAME, KV, HD)                                 \
    DECODE_KERNEL(paged_decode_##KVNAME##_hd##HD##_m8, KV, HD, 8)     \
    DECODE_KERNEL(paged_decode_##KVNAME##_hd##HD##_m16, KV, HD, 16)

DECODE_FAMILY(bf16, __nv_bfloat16, 64)
DECODE_FAMILY(bf16, __nv_bfloat16, 128)
DECODE_FAMILY(bf16, __nv_bfloat16, 256)
DECODE_FAMILY(fp8, __nv_fp8_e4m3, 64)
DECODE_FAMILY(fp8, __nv_fp8_e4m3, 128)
DECODE_FAMILY(fp8, __nv_fp8_e4m3, 256)

// Merges the partitions of one (request, head): grid (heads, batch), one thread per dimension.
// part_max is in log2 units (the partitions' scores are scaled by log2(e)).
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
            float w = pm == -INFINITY ? 0.0f : exp2f(pm - m);
            num += part_acc[(bh * parts + p) * head_dim + d] * w;
            den += part_sum[bh * parts + p] * w;
        }
        out[bh * head_dim + d] = __float2bfloat16(den > 0.0f ? num / den : 0.0f);
    }
}

template <typename KV> __device__ __forceinline__ float to_float(KV v);
template <> __device__ __forceinline__ float to_float<__nv_bfloat16>(__nv_bfloat16 v) { return __bfloat162float(v); }
template <> __device__ __forceinline__ float to_float<__nv_fp8_e4m3>(__nv_fp8_e4m3 v) { return float(v); }

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
