#!/usr/bin/env bash
# Times the README's plimsoll plan reference question: Qwen3-32B FP8 on 32 H200, ISL 4000, OSL 500,
# shared prefix 500, TTFT 300 ms and ITL 10 ms at p90. Runs the whole command RUNS times (default 5),
# each in a fresh JVM as a user would, and prints search_ms (the planner's own clock) and the wall
# time of the command, then their medians. Usage: bench/plan-reference.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
"$root/plimsoll" --version >/dev/null   # build the jar first if needed, outside the timings
args=(plan --model qwen3-32b --quant fp8 --gpu h200-sxm --total-gpus 32 --isl 4000 --osl 500 --shared-prefix 500
      --ttft 300 --itl 10 --output json)
search=()
wall=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  out=$("$root/plimsoll" "${args[@]}")
  end=$(date +%s%N)
  s=$(printf '%s\n' "$out" | sed -n 's/^  "search_ms" : \([0-9]*\),$/\1/p')
  w=$(( (end - start) / 1000000 ))
  search+=("$s")
  wall+=("$w")
  echo "run $i: search_ms $s, wall_ms $w"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
echo "median: search_ms $(median "${search[@]}"), wall_ms $(median "${wall[@]}") (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
