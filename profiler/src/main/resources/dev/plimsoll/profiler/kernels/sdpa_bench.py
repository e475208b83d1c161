"""Plimsoll profiler: prefill (context) attention through PyTorch's scaled_dot_product_attention.

Run by `plimsoll profile` when python3 with a CUDA build of torch is installed on the GPU host.
Line protocol on stdin/stdout, one request a line, one answer a line:
  version                                   -> ok <torch version> <cuda version> <sdpa backends>
  prefill <batch> <isl> <heads> <kv_heads> <head_dim> <warmup> <repeats>
                                            -> ok <median_ms> <min_ms> <max_ms> <launches> <backend>
  quit
A request that fails answers "err <reason>"; the next one runs.

Method: causal attention of `batch` sequences of `isl` new tokens each, bf16 q/k/v drawn at
random (not zeros), GQA through enable_gqa where this torch has it (else K and V expanded to every
head before timing); the launches captured in one CUDA graph and replayed, `warmup` replays untimed,
then `repeats` timed with CUDA events, each divided by the launches in the graph.
"""
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
            stream = torch.cuda.Stream()
            stream.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(stream):
                for _ in range(3):
                    call()
            torch.cuda.current_stream().wait_stream(stream)
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            call()
            end.record()
            end.synchronize()
            single = max(start.elapsed_time(end), 1e-3)
            launches = max(1, min(200, int(2.0 / single) + 1))
            graph = torch.cuda.CUDAGraph()
            with torch.cuda.graph(graph):
                for _ in range(launches):
                    call()
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
            print("ok %.9g %.9g %.9g %d %s" % (statistics.median(times), min(times), max(times), launches, backend),
                  flush=True)
        except Exception as e:  # noqa: BLE001 - reported on the protocol, the next request runs
            msg = str(e).replace("\n", " ")[:300]
            print("err %s: %s" % (type(e).__name__, msg), flush=True)
            torch.cuda.empty_cache()
    return 0


if __name__ == "__main__":
    sys.exit(main())
