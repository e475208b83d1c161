#!/usr/bin/env python3
"""Coverage probe for GPUs without shared measurements (docs/validation.md, "Coverage of GPUs
without shared measurements").

Writes synthetic aic-silicon rows, one per search-space point of every SemiAnalysis InferenceX
configuration whose runner is a B200, B300, GB200 or GB300 (.github/configs/nvidia-master.yaml),
encoded the way the InferenceX rows of ../shared/data/e2e/h200_sxm.csv encode such
configurations, and (with --relabel) every row of the two shared e2e files relabelled as those
GPUs. The measured values are dummies (1.0 ms): the probe checks that every row is predicted, not
how well.

  bench/coverage-probe.py                      # writes perfmodel/src/test/resources/coverage-probe/
  bench/coverage-probe.py --relabel OUT_DIR    # also writes OUT_DIR/relabelled_<gpu>.csv

Needs python3 with PyYAML and the InferenceX mirror (git --git-dir=$INFERENCEX_GIT); the CSVs it
writes are committed, so the test that reads them needs neither.

Encoding (read off the InferenceX rows of h200_sxm.csv):
  aggregated, campaign-date ids 2026_04_06_<model>_<system>_<backend>_<precision>_agg_<ISL>x<OSL>_c<C>_tp<TP>_ep<EP>_<n>:
    without dp-attn: tp_size = TP x EP, attention_dp_size 1, moe_tp_size TP, moe_ep_size EP, batch C;
    with dp-attn:    tp_size 1, attention_dp_size TP x EP, moe_tp_size TP, moe_ep_size EP, batch C / (TP x EP).
  disaggregated, configuration ids <prefix>_<runner>_<backend>_<precision>_disagg_<ISL>x<OSL>_c<C>_cfg<n>
  with worker counts: per pool, without dp-attn tp TP, attention DP 1, moe_tp TP/EP, moe_ep EP; with
  dp-attn tp 1, attention DP TP, moe_tp 1, moe_ep EP; prefill batch 1; decode batch C / (workers x DP).
  The same disaggregated points again under campaign-date ids without worker counts (underspecified,
  as the shared files' 2026_04_06 disaggregated rows).
Every row is written twice: with the repository the configuration names and with the base
repository the shared files use for the family.
"""
import argparse
import csv
import math
import os
import subprocess
import sys

import yaml

INFERENCEX_COMMIT = "51e31df"  # 2026-04-06, the later shared campaign's date
CONFIG = ".github/configs/nvidia-master.yaml"
RUNNERS = {"b200": "b200_sxm", "b300": "b300_sxm", "gb200": "gb200", "gb300": "gb300"}
RELABEL_SYSTEMS = ["b200_sxm", "gb200", "b300_sxm"]

# model-prefix -> (id model slug of the campaign-date rows, base repository of the shared files)
FAMILIES = {
    "dsr1": ("deepseek_r1", "deepseek-ai/DeepSeek-R1"),
    "gptoss": ("gpt_oss_120b", "openai/gpt-oss-120b"),
    "kimik2.5": ("kimi_k2_5", "moonshotai/Kimi-K2.5"),
    "minimaxm2.5": ("minimax_m2_5", "MiniMaxAI/MiniMax-M2.5"),
    "qwen3.5": ("qwen3_5_397b", "Qwen/Qwen3.5-397B-A17B"),
    "glm5": ("glm_5", "zhipuai/GLM-5"),
}
# nvidia-master.yaml's multinode B200/B300 entries name the checkpoint by a short alias; the single-node
# entries of the same family name the repository
MODEL_ALIASES = {"deepseek-r1-fp4": "nvidia/DeepSeek-R1-0528-FP4-V2"}
BACKENDS = {"trt": "trtllm", "dynamo-trt": "trtllm", "sglang": "sglang", "dynamo-sglang": "sglang",
            "vllm": "vllm", "dynamo-vllm": "vllm"}

HEADER = ("id,concurrency,backend,backend_version,model_path,system,precision,mode,isl,osl,gemm_quant_mode,"
          "moe_quant_mode,batch_size,tp_size,pp_size,attention_dp_size,moe_tp_size,moe_ep_size,prefill_batch_size,"
          "prefill_num_workers,prefill_tp_size,prefill_pp_size,prefill_attention_dp_size,prefill_moe_tp_size,"
          "prefill_moe_ep_size,decode_batch_size,decode_num_workers,decode_tp_size,decode_pp_size,"
          "decode_attention_dp_size,decode_moe_tp_size,decode_moe_ep_size,silicon_ttft_ms,silicon_tpot_ms,"
          "source").split(",")


def quant_labels(precision, backend):
    """gemm / moe labels as the shared InferenceX rows write them for the precision and engine."""
    if precision == "fp4":
        return "nvfp4", "nvfp4"
    if precision == "int4":
        return "int4_wo", "int4_wo"
    if precision == "fp8":
        return ("fp8", "fp8_block") if backend == "sglang" else ("fp8", "fp8")
    return "", ""  # bf16: the checkpoint's own format


def image_version(image):
    """The engine version of an image tag as the shared rows record it (v0.5.9-cu130 -> 0.5.9)."""
    tag = image.rsplit(":", 1)[-1]
    if tag.startswith("v") and tag[1:2].isdigit():
        tag = tag[1:]
    if tag[:1].isdigit():
        return tag.split("-cu")[0].split("-")[0]
    return tag


def concurrencies(point):
    if "conc-list" in point:
        return list(point["conc-list"])
    c, end, out = point["conc-start"], point["conc-end"], []
    while c <= end:  # utils/matrix_logic/generate_sweep_configs.py, step 2
        out.append(c)
        if c == end:
            break
        c = min(c * 2, end)
    return out


def blank_row():
    return {k: "" for k in HEADER}


def agg_row(common, tp, ep, dpa, conc):
    r = dict(common)
    world = tp * ep
    r.update(concurrency=conc, mode="agg", pp_size=1, moe_tp_size=tp, moe_ep_size=ep)
    if dpa:
        r.update(tp_size=1, attention_dp_size=world, batch_size=max(1, conc // world))
    else:
        r.update(tp_size=world, attention_dp_size=1, batch_size=conc)
    return r


def pool_cols(prefix, pool, with_workers, batch):
    tp, ep, dpa = pool["tp"], pool.get("ep", 1), bool(pool.get("dp-attn", False))
    cols = {prefix + "pp_size": 1, prefix + "moe_ep_size": ep}
    if dpa:
        cols.update({prefix + "tp_size": 1, prefix + "attention_dp_size": tp, prefix + "moe_tp_size": 1})
    else:
        cols.update({prefix + "tp_size": tp, prefix + "attention_dp_size": 1,
                     prefix + "moe_tp_size": max(1, tp // ep)})
    if with_workers:
        cols[prefix + "num_workers"] = pool["num-worker"]
        cols[prefix + "batch_size"] = batch
    return cols


def disagg_row(common, point, conc, with_workers):
    r = dict(common)
    r.update(concurrency=conc, mode="disagg")
    d = point["decode"]
    d_dp = d["tp"] if d.get("dp-attn") else 1
    r.update(pool_cols("prefill_", point["prefill"], with_workers, 1))
    r.update(pool_cols("decode_", d, with_workers, max(1, math.ceil(conc / (d["num-worker"] * d_dp)))))
    return r


def synthetic_rows(configs):
    rows, n = [], 0
    for name, cfg in configs.items():
        runner = cfg.get("runner", "").split("-")[0]
        if runner not in RUNNERS:
            continue
        system = RUNNERS[runner]
        prefix = cfg["model-prefix"]
        slug, base = FAMILIES[prefix]
        backend = BACKENDS[cfg["framework"]]
        precision = cfg["precision"]
        gemm, moe = quant_labels(precision, backend)
        image = cfg["image"].replace("nvcr.io#", "nvcr.io/")
        named = MODEL_ALIASES.get(cfg["model"], cfg["model"])
        for model in dict.fromkeys([named, base]):
            for seq in cfg["seq-len-configs"]:
                isl, osl = seq["isl"], seq["osl"]
                for point in seq["search-space"]:
                    for conc in concurrencies(point):
                        n += 1
                        common = blank_row()
                        common.update(backend=backend, backend_version=image_version(image), model_path=model,
                                      system=system, precision=precision, isl=isl, osl=osl, gemm_quant_mode=gemm,
                                      moe_quant_mode=moe, silicon_ttft_ms="1.0", silicon_tpot_ms="1.0",
                                      source=image)
                        if "prefill" in point:
                            r = disagg_row(common, point, conc, True)
                            r["id"] = (f"{prefix.replace('.', '_')}_{runner}_{backend}_{precision}_disagg_"
                                       f"{isl}x{osl}_c{conc}_cfg{n}")
                            rows.append((name, r))
                            d = point["decode"]
                            r = disagg_row(common, point, conc, False)
                            r["id"] = (f"2026_04_06_{slug}_{system}_{backend}_{precision}_disagg_{isl}x{osl}_c{conc}"
                                       f"_tp{d['tp']}_ep{d.get('ep', 1)}_{n}")
                            rows.append((name, r))
                        else:
                            tp, ep = point["tp"], point.get("ep", 1)
                            r = agg_row(common, tp, ep, bool(point.get("dp-attn", False)), conc)
                            r["id"] = (f"2026_04_06_{slug}_{system}_{backend}_{precision}_agg_{isl}x{osl}_c{conc}"
                                       f"_tp{tp}_ep{ep}_{n}")
                            rows.append((name, r))
    return rows


def write(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)


def relabel(shared_dir, out_dir):
    for gpu in RELABEL_SYSTEMS:
        out = []
        for f in ("h100_sxm", "h200_sxm"):
            with open(os.path.join(shared_dir, f + ".csv"), newline="") as src:
                for r in csv.DictReader(src):
                    r["id"] = r["id"].replace(r["system"], gpu)
                    r["system"] = gpu
                    out.append(r)
        write(os.path.join(out_dir, f"relabelled_{gpu}.csv"), out)
        print(f"relabelled_{gpu}.csv: {len(out)} rows")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--inferencex-git", default=os.environ.get(
        "INFERENCEX_GIT", "/work/.mirror/SemiAnalysisAI+InferenceX/repo"))
    p.add_argument("--commit", default=INFERENCEX_COMMIT)
    p.add_argument("--out", default=os.path.join(root, "perfmodel/src/test/resources/coverage-probe"))
    p.add_argument("--relabel", metavar="OUT_DIR", help="also write the shared files relabelled per GPU there")
    p.add_argument("--shared", default=os.path.join(root, "../shared/data/e2e"))
    a = p.parse_args()
    text = subprocess.run(["git", "--git-dir=" + a.inferencex_git, "show", f"{a.commit}:{CONFIG}"],
                          check=True, capture_output=True, text=True).stdout
    rows = synthetic_rows(yaml.safe_load(text))
    os.makedirs(a.out, exist_ok=True)
    for system in sorted(set(RUNNERS.values())):
        mine = [r for _, r in rows if r["system"] == system]
        write(os.path.join(a.out, f"inferencex_{system}.csv"), mine)
        print(f"inferencex_{system}.csv: {len(mine)} rows from {len({n for n, r in rows if r['system'] == system})}"
              f" configurations (InferenceX {a.commit})")
    if a.relabel:
        os.makedirs(a.relabel, exist_ok=True)
        relabel(a.shared, a.relabel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
