# Cold Triton JIT cost on a GPU host: first call (compile + run) against a warm call, per kernel
# specialization, alone and with P processes compiling at once (as the P ranks of a TP-P engine
# each compile their own copy), each process with a fresh TRITON_CACHE_DIR (a fresh container).
# Own kernel (a plain tiled matmul), no engine code. Needs a CUDA GPU, PyTorch and Triton; writes
# jit_time.json to $OUT (default .). docs/validation.md ("What is known to be off", session 17)
# quotes one run on an H200 host: python3 bench/triton-jit-time.py
import os, sys, time, json, tempfile, multiprocessing as mp

def worker(args):
    rank, configs, dtype_name, barrier_t = args
    os.environ["TRITON_CACHE_DIR"] = tempfile.mkdtemp(prefix=f"tc{rank}_")
    import torch, triton, triton.language as tl

    @triton.jit
    def mm(a, b, c, M, N, K, sam, sak, sbk, sbn, scm, scn,
           BM: tl.constexpr, BN: tl.constexpr, BK: tl.constexpr, GROUP: tl.constexpr):
        pid = tl.program_id(0)
        npm = tl.cdiv(M, BM)
        npn = tl.cdiv(N, BN)
        width = GROUP * npn
        g = pid // width
        first = g * GROUP
        gs = min(npm - first, GROUP)
        pm = first + (pid % width) % gs
        pn = (pid % width) // gs
        rm = pm * BM + tl.arange(0, BM)
        rn = pn * BN + tl.arange(0, BN)
        rk = tl.arange(0, BK)
        acc = tl.zeros((BM, BN), dtype=tl.float32)
        for k in range(0, tl.cdiv(K, BK)):
            ka = k * BK + rk
            x = tl.load(a + rm[:, None] * sam + ka[None, :] * sak, mask=(rm[:, None] < M) & (ka[None, :] < K), other=0.0)
            y = tl.load(b + ka[:, None] * sbk + rn[None, :] * sbn, mask=(ka[:, None] < K) & (rn[None, :] < N), other=0.0)
            acc = tl.dot(x, y, acc)
        tl.store(c + rm[:, None] * scm + rn[None, :] * scn, acc.to(tl.bfloat16), mask=(rm[:, None] < M) & (rn[None, :] < N))

    dev = torch.device("cuda")
    dt = torch.float8_e4m3fn if dtype_name == "fp8" else torch.bfloat16
    K, N = 7168, 4096
    b = torch.randn(K, N, device=dev).to(dt)
    @triton.jit
    def fill(x, n, BLOCK: tl.constexpr):
        i = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
        tl.store(x + i, 1.0, mask=i < n)

    z = torch.empty(1024, device=dev)
    fill[(4,)](z, 1024, BLOCK=256)  # Triton's driver and launcher built before the timed kernels
    torch.cuda.synchronize()
    out = []
    while time.time() < barrier_t:
        time.sleep(0.001)
    for (M, BM, BN, BK, GROUP, warps, stages) in configs:
        a = torch.randn(M, K, device=dev).to(dt)
        c = torch.empty(M, N, device=dev, dtype=torch.bfloat16)
        grid = (triton.cdiv(M, BM) * triton.cdiv(N, BN),)
        def call():
            mm[grid](a, b, c, M, N, K, a.stride(0), a.stride(1), b.stride(0), b.stride(1), c.stride(0), c.stride(1),
                     BM=BM, BN=BN, BK=BK, GROUP=GROUP, num_warps=warps, num_stages=stages)
        torch.cuda.synchronize()
        t0 = time.perf_counter(); call(); torch.cuda.synchronize(); cold = time.perf_counter() - t0
        t0 = time.perf_counter(); call(); torch.cuda.synchronize(); warm = time.perf_counter() - t0
        out.append({"M": M, "BM": BM, "BN": BN, "BK": BK, "warps": warps, "stages": stages,
                    "cold_ms": cold * 1e3, "warm_ms": warm * 1e3})
    return out

CONFIGS = [(1024, 64, 128, 128, 8, 4, 3), (4096, 128, 128, 128, 8, 8, 3), (8192, 128, 128, 64, 8, 8, 3),
           (512, 64, 64, 128, 8, 4, 4), (96, 16, 128, 128, 1, 4, 3), (3000, 128, 128, 64, 16, 4, 3)]

if __name__ == "__main__":
    mp.set_start_method("spawn")
    res = {"cpus": os.cpu_count()}
    for dtype_name in ("bf16", "fp8"):
        for procs in (1, 2, 4, 8):
            t = time.time() + 3.0
            with mp.Pool(procs) as pool:
                outs = pool.map(worker, [(r, CONFIGS, dtype_name, t) for r in range(procs)])
            cold = [[o["cold_ms"] for o in out] for out in outs]
            per_cfg_max = [max(c[i] for c in cold) for i in range(len(CONFIGS))]
            per_cfg_mean = [sum(c[i] for c in cold) / procs for i in range(len(CONFIGS))]
            res[f"{dtype_name}_p{procs}"] = {"cold_max_ms": per_cfg_max, "cold_mean_ms": per_cfg_mean,
                                            "warm_ms": [o["warm_ms"] for o in outs[0]],
                                            "total_max_ms": max(sum(c) for c in cold)}
            print(dtype_name, procs, "per config max cold ms", [round(x) for x in per_cfg_max],
                  "total max", round(res[f"{dtype_name}_p{procs}"]["total_max_ms"]),
                  "warm", [round(x, 2) for x in res[f"{dtype_name}_p{procs}"]["warm_ms"]], flush=True)
    out = os.environ.get("OUT", ".")
    json.dump(res, open(os.path.join(out, "jit_time.json"), "w"), indent=1)
