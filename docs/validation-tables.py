#!/usr/bin/env python3
"""Markdown tables for docs/validation.md from `plimsoll validate --measured F --output json --rows`.

Usage: docs/validation-tables.py H100.json [H200.json ...]
Prints, per file: the headline (fully specified rows), the underspecified summary, the groups of
both, each group's TTFT split by prompt length, and the rows not covered with their reasons.
"""
import collections
import json
import sys


def pct(v):
    return "" if v is None else "%.1f%%" % (100 * v)


def signed(v):
    return "" if v is None else "%+.1f%%" % (100 * v)


def figures(d):
    return "| %s | %s | %s | %s | %s | %s |" % (pct(d["ttft_median_ape"]), pct(d["ttft_p90_ape"]),
                                                signed(d["ttft_bias"]), pct(d["tpot_median_ape"]),
                                                pct(d["tpot_p90_ape"]), signed(d["tpot_bias"]))


def main(paths):
    for path in paths:
        d = json.load(open(path))
        for system, card in d["gpus"].items():
            print("### %s\n" % system)
            print("| rows | set | covered | TTFT median APE | TTFT p90 | TTFT bias | TPOT median APE | TPOT p90 | TPOT bias |")
            print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
            print("| %d | fully specified (headline) | %d (%.1f%%) " % (card["rows"], card["covered"], 100 * card["coverage"])
                  + figures(card))
            u = d["underspecified"]
            if u["rows"]:
                print("| %d | underspecified (worker counts assumed: the configuration's pools, else one a pool) | %d " % (u["rows"], u["covered"])
                      + figures(u))
            print()
        print("| model | backend | mode | rows | TTFT median APE | TTFT p90 | TTFT bias | TPOT median APE | TPOT p90 | TPOT bias |")
        print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for g in d["groups"]:
            print("| %s | %s | %s | %d " % (g["model"], g["backend"], g["mode"], g["rows"]) + figures(g))
        for g in d.get("underspecified_groups", []):
            print("| %s | %s | %s, underspecified | %d " % (g["model"], g["backend"], g["mode"], g["rows"]) + figures(g))
        print()
        fits = d.get("ttft_by_prompt_length", [])
        if fits:
            print("TTFT against prompt length at each group's lightest load (medians of a line per deployment):\n")
            print("| model | backend | mode | clients | lines | ms per 1k prompt tokens, measured | predicted "
                  "| fixed ms, measured | predicted |")
            print("|---|---|---|---:|---:|---:|---:|---:|---:|")
            for f in fits:
                print("| %s | %s | %s | %d | %d | %.1f | %.1f | %.0f | %.0f |" % (
                    f["model"], f["backend"], f["mode"], f["clients"], f["lines"], f["measured_ms_per_1k_tokens"],
                    f["predicted_ms_per_1k_tokens"], f["measured_fixed_ms"], f["predicted_fixed_ms"]))
            print()
        reasons = collections.Counter(u["why"] for u in d["uncovered"])
        if reasons:
            print("Not covered:\n")
            for why, n in reasons.most_common():
                print("- %d row%s: %s" % (n, "" if n == 1 else "s", why))
            print()


if __name__ == "__main__":
    main(sys.argv[1:])
