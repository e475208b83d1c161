#!/usr/bin/env python3
"""Study of the Hopper-to-Blackwell kernel transfer (docs/calibration.md, "B200 from Hopper: hardware
mechanisms checked (session 10)"). Reads the per-row CSV of TransferDump (perfmodel test scope) and
prints, per framework and family (prefill and decode attention apart and together):

  * the median absolute error of the transfer as it is;
  * what two sourced hardware corrections would give, applied to the dump's rows:
      - MAMF: the compute roofline part scaled by the source's over the target's measured maximum
        achievable matmul fraction of peak (stas00/ml-engineering, compute/accelerator/README.md,
        "Maximum Achievable Matmul FLOPS comparison table": BF16 H100/H200 80.3%, B200 77.6%,
        GB200 72.9%; FP8 H100 70.9%, H200 73.4%, B200 76.3%, GB200 72.3%);
      - clock: AIConfigurator's collector locks the application clocks at the GPU's Max Clocks
        (collector/README.md, "Preparation"), about 1980 MHz on GH100 and on B200, while the datasheet
        peaks are multiplied out at 1830 MHz (GH100: 132 SMs x 4096 dense BF16 FLOP/clock) and about
        1856 MHz (B200: 148 SMs x twice the per-SM rate, 2.25 PFLOPS); everything but the launch floor
        and the memory part scaled by the ratio;
  * two bounds no sourced mechanism can beat, both fitted to the target's own tables (so neither may
    be shipped): one constant per framework and family, and one compute and one memory factor shared
    by every framework and family (the most a hardware efficiency figure could do);
  * the MoE rows by the kernel the target's collector timed (kernel_source) and format.

Usage: python3 bench/transfer-study.py DUMP.csv SOURCE   (SOURCE: h200 or h100; needs pandas, numpy)
The dump: see TransferDump's javadoc, e.g. arguments `h200-sxm b200_sxm /tmp/b200.csv gemm
context_attention generation_attention moe`.
"""
import sys

import numpy as np
import pandas as pd

MAMF_BF16 = {"h100": 0.803, "h200": 0.803, "b200": 0.776}
MAMF_FP8 = {"h100": 0.709, "h200": 0.734, "b200": 0.763}
CLOCK_RATIO = (1980 / 1830) / (1980 / 1856)  # source's lock over datasheet clock, over the target's


def medians(d, pred):
    e = np.abs(pred / d.measured - 1)
    fam = d.family.replace({"context_attention": "attention", "generation_attention": "attention"})
    apart = e.groupby([d.fw, d.family]).median()
    together = e[d.family.str.contains("attention")].groupby([d.fw, fam]).median()
    return pd.concat([apart, together]).sort_index()


def main():
    d = pd.read_csv(sys.argv[1], low_memory=False)
    src = sys.argv[2]
    # the SM part of the roofline: the tensor cores' or the softmax exponentials' (ieA, ieB; dumps
    # since session 18), whichever is longer; the matmul efficiency figures apply to the first only
    ie_a = d.ieA if "ieA" in d else 0.0
    ie_b = d.ieB if "ieB" in d else 0.0
    sm_a = np.maximum(d.icA, ie_a)
    compute = sm_a > d.imA
    u = np.maximum(d.umax, np.where(compute, sm_a, d.imA) / d.timeA)
    roof_compute = np.where(compute & (d.icB >= ie_b), d.icB, 0) / u
    roof_memory = np.where(compute, 0, d.imB) / u
    dtype = d.category.astype(str).str.split("|").str[0]
    k = np.where(dtype.str.startswith("fp8"), MAMF_FP8[src] / MAMF_FP8["b200"],
                 np.where(dtype.isin(["bfloat16", "float16"]), MAMF_BF16[src] / MAMF_BF16["b200"], 1.0))
    unexplained = np.maximum(0, d.timeA - np.where(compute, sm_a, d.imA) / u)
    floor = np.minimum(d.floorA, unexplained)
    table = pd.DataFrame({
        "as is": medians(d, d.pred),
        "MAMF": medians(d, d.pred + roof_compute * (k - 1)),
        "clock": medians(d, d.pred + (d.pred - floor - roof_memory) * (CLOCK_RATIO - 1)),
    })
    r = d.pred / d.measured
    cs = np.exp(np.linspace(-0.5, 0.5, 101))
    best = {}
    for key, g in r.groupby([d.fw, d.family]):
        best[key] = min(np.median(np.abs(g.values * c - 1)) for c in cs)
    table["fitted constant (bound)"] = pd.Series(best)
    groups = {key: (g.values, compute[g.index].values) for key, g in r.groupby([d.fw, d.family])}
    top = None
    for cc in np.arange(0.9, 1.41, 0.02):
        for cm in np.arange(0.9, 1.31, 0.02):
            m = {key: np.median(np.abs(np.where(c, v * cc, v * cm) - 1)) for key, (v, c) in groups.items()}
            score = np.mean(list(m.values()))
            if top is None or score < top[0]:
                top = (score, cc, cm, m)
    table["fitted compute x%.2f, memory x%.2f (bound)" % (top[1], top[2])] = pd.Series(top[3])
    pd.set_option("display.width", 200)
    print((table * 100).round(1).to_string())
    moe = d[d.family == "moe"]
    lr = np.log(moe.pred / moe.measured)
    by_kernel = pd.DataFrame({"rows": lr.groupby([moe.fw, moe.kernel, dtype[moe.index]]).size(),
                              "median error %": (np.abs(moe.pred / moe.measured - 1)
                                                 .groupby([moe.fw, moe.kernel, dtype[moe.index]]).median() * 100)
                              .round(1),
                              "median log(pred/measured)": lr.groupby([moe.fw, moe.kernel, dtype[moe.index]])
                              .median().round(2)})
    print(by_kernel.to_string())


if __name__ == "__main__":
    main()
