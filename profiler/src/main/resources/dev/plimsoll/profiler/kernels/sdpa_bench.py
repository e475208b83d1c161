"""Plimsoll profiler: prefill (context) and decode attention through PyTorch's scaled_dot_product_attention.

Run by `plimsoll profile` when python3 with a CUDA build of torch is installed on the GPU host.
Line protocol on stdin/stdout, one request a line, one answer a line:
  version                                   -> ok <torch version> <cuda version> <sdpa backends>
  prefill <batch> <isl> <heads> <kv_heads> <head_dim> <warmup> <repeats>
                                            -> ok <median_ms> <min_ms> <max_ms> <launches> <backend>
  decode <batch> <ctx> <heads> <kv_heads> <head_dim> <warmup> <repeats> <rotate_bytes>
                                            -> ok <median_ms> <min_ms> <max_ms> <launches> <copies>
  quit
A request that fails answers "err <reason>"; the next one runs.

Method: prefill is causal attention of `batch` sequences of `isl` new tokens each, bf16 q/k/v drawn
at random (not zeros), GQA through enable_gqa where this torch has it (else K and V expanded to every
head before timing). Decode is one new token of each of `batch` sequences over `ctx` cached tokens,
bf16, on FlashAttention's kernel only (SDPA restricted to its flash backend: PyTorch's
FlashAttention-2 forward, which splits the KV sequence over the GPU and folds the query heads of a
KV head into one tile for a single new token); each sequence's K and V contiguous in the [token,
head, dim] layout the engines' caches use, `copies` sets of them (together at least rotate_bytes,
at most 16) used in turn so that no launch finds its KV cache in L2. The launches are captured in one
CUDA graph and replayed, `warmup` replays untimed, then `repeats` timed with CUDA events, each
divided by the launches in the graph.
"""
import math
import statistics
import sys


def main():
    try:
        import torch
        import torch.nn.functional as F
    except Exception as e:  # noqa: BLE001 - any import failure means "no torch"
        print("fatal cannot import torch: %s" % e, flush=True)
        return 1
    if not torch.cuda.is_available():
        print("fatal torch sees no CUDA device", flush=True)
        return 1
    dev = torch.device("cuda")
    gqa_native = "enable_gqa" in (F.scaled_dot_product_attention.__doc__ or "")

    def backend_name(q, k, v, gqa):
        # which fused kernel SDPA picks for these inputs (flash, efficient, cudnn or math)
        try:
            from torch.nn.attention import SDPBackend, sdpa_kernel
        except Exception:  # noqa: BLE001
            return "sdpa"
        for name, b in (("flash", SDPBackend.FLASH_ATTENTION), ("cudnn", getattr(SDPBackend, "CUDNN_ATTENTION", None)),
                        ("efficient", SDPBackend.EFFICIENT_ATTENTION), ("math", SDPBackend.MATH)):
            if b is None:
                continue
            try:
                with sdpa_kernel([b]):
                    if gqa:
                        F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
                    else:
                        F.scaled_dot_product_attention(q, k, v, is_causal=True)
                return name
            except Exception:  # noqa: BLE001
                continue
        return "sdpa"

    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        cmd = parts[0]
        if cmd == "quit":
            break
        try:
            if cmd == "version":
                print("ok %s %s %s" % (torch.__version__, torch.version.cuda, "gqa" if gqa_native else "expand"),
                      flush=True)
                continue
            if cmd == "decode":
                print(decode(torch, F, dev, parts), flush=True)
                continue
            if cmd != "prefill" or len(parts) != 8:
                raise ValueError("usage: prefill <batch> <isl> <heads> <kv_heads> <head_dim> <warmup> <repeats>")
            batch, isl, heads, kv_heads, head_dim, warmup, repeats = (int(p) for p in parts[1:])
            if min(batch, isl, heads, kv_heads, head_dim, repeats) <= 0 or warmup < 0 or heads % kv_heads:
                raise ValueError("sizes must be positive and heads a multiple of kv_heads")
            g = torch.Generator(device=dev)
            g.manual_seed(batch * 1000003 + isl)
            q = torch.rand(batch, heads, isl, head_dim, device=dev, dtype=torch.bfloat16, generator=g) * 2 - 1
            k = torch.rand(batch, kv_heads, isl, head_dim, device=dev, dtype=torch.bfloat16, generator=g) * 2 - 1
            v = torch.rand(batch, kv_heads, isl, head_dim, device=dev, dtype=torch.bfloat16, generator=g) * 2 - 1
            gqa = kv_heads != heads
            if gqa and not gqa_native:
                k = k.repeat_interleave(heads // kv_heads, dim=1)
                v = v.repeat_interleave(heads // kv_heads, dim=1)
                gqa = False

            def call():
                if gqa:
                    return F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
                return F.scaled_dot_product_attention(q, k, v, is_causal=True)

            backend = backend_name(q, k, v, gqa)
            median, lo, hi, launches = graph_time(torch, lambda i: call(), 1, warmup, repeats)
            print("ok %.9g %.9g %.9g %d %s" % (median, lo, hi, launches, backend), flush=True)
        except Exception as e:  # noqa: BLE001 - reported on the protocol, the next request runs
            msg = str(e).replace("\n", " ")[:300]
            print("err %s: %s" % (type(e).__name__, msg), flush=True)
            torch.cuda.empty_cache()
    return 0


def graph_time(torch, call, copies, warmup, repeats):
    """Median, min and max ms per launch of call(i) over CUDA-graph replays of about 2 ms of work
    (the launches cycling through `copies` input sets), and the launches per replay."""
    stream = torch.cuda.Stream()
    stream.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(stream):
        for i in range(max(3, copies)):
            call(i % copies)
    torch.cuda.current_stream().wait_stream(stream)
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    call(0)
    end.record()
    end.synchronize()
    single = max(start.elapsed_time(end), 1e-3)
    launches = max(copies, min(400, int(2.0 / single) + 1))
    launches = (launches + copies - 1) // copies * copies
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        for i in range(launches):
            call(i % copies)
    for _ in range(warmup):
        graph.replay()
    times = []
    for _ in range(repeats):
        start.record()
        graph.replay()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end) / launches)
    del graph
    return statistics.median(times), min(times), max(times), launches


def decode(torch, F, dev, parts):
    """One decode request (see the module's doc); the answer line."""
    if len(parts) != 9:
        raise ValueError("usage: decode <batch> <ctx> <heads> <kv_heads> <head_dim> <warmup> <repeats> <rotate_bytes>")
    batch, ctx, heads, kv_heads, head_dim, warmup, repeats = (int(p) for p in parts[1:8])
    rotate = float(parts[8])
    if min(batch, ctx, heads, kv_heads, head_dim, repeats) <= 0 or warmup < 0 or heads % kv_heads:
        raise ValueError("sizes must be positive and heads a multiple of kv_heads")
    from torch.nn.attention import SDPBackend, sdpa_kernel
    set_bytes = 2.0 * batch * ctx * kv_heads * head_dim * 2
    copies = int(max(1, min(16, math.ceil(rotate / set_bytes))))
    free, _ = torch.cuda.mem_get_info()
    if copies * set_bytes > 0.8 * free:
        copies = int(0.8 * free // set_bytes)
        if copies < 1:
            raise MemoryError("its KV cache (%d MiB) does not fit the %d MiB free" % (set_bytes / 2**20, free / 2**20))
    g = torch.Generator(device=dev)
    g.manual_seed(batch * 1000003 + ctx)

    def rand(*shape):
        return torch.rand(*shape, device=dev, dtype=torch.bfloat16, generator=g) * 2 - 1

    q = rand(batch, 1, heads, head_dim).transpose(1, 2)
    # [batch, token, kv head, dim] storage, seen as SDPA's [batch, head, token, dim]
    ks = [rand(batch, ctx, kv_heads, head_dim).transpose(1, 2) for _ in range(copies)]
    vs = [rand(batch, ctx, kv_heads, head_dim).transpose(1, 2) for _ in range(copies)]
    gqa = heads != kv_heads

    def call(i):
        if gqa:
            return F.scaled_dot_product_attention(q, ks[i], vs[i], enable_gqa=True)
        return F.scaled_dot_product_attention(q, ks[i], vs[i])

    def call_direct(i):
        # the same FlashAttention-2 forward without SDPA's dispatch, [batch, token, head, dim] in
        return torch.ops.aten._flash_attention_forward(q.transpose(1, 2), ks[i].transpose(1, 2),
                                                       vs[i].transpose(1, 2), None, None, 1, ctx, 0.0, False, False)

    try:
        with sdpa_kernel([SDPBackend.FLASH_ATTENTION]):
            try:
                call(0)
            except RuntimeError:  # this torch's SDPA will not take the shape (GQA on flash): call the kernel itself
                call = call_direct
            median, lo, hi, launches = graph_time(torch, call, copies, warmup, repeats)
    finally:
        del ks, vs, q
        torch.cuda.empty_cache()
    return "ok %.9g %.9g %.9g %d %d" % (median, lo, hi, launches, copies)


if __name__ == "__main__":
    sys.exit(main())
