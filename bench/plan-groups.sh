#!/usr/bin/env bash
# Times the grouped-prefix plan question of docs/kv-tiers.md ("The router in the plan"): Llama-3.1-8B
# on H100 at 24 req/s, ISL 6500 of which 6000 shared within 16 groups, OSL 150, TTFT 120 ms and ITL
# 30 ms at p90, aggregated; every confirmation runs behind three routers. Runs the whole command RUNS
# times (default 5), each in a fresh JVM, and prints search_ms (the planner's clock), the wall time
# of the command and its CPU time, then their medians. Usage: bench/plan-groups.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
"$root/plimsoll" --version >/dev/null   # build the jar first if needed, outside the timings
args=(plan --model llama-3.1-8b --gpu h100-sxm --rate 24 --isl 6500 --osl 150 --shared-prefix 6000
      --prefix-groups 16 --ttft 120 --itl 30 --mode agg --output json)
search=()
wall=()
cpu=()
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  out=$( { TIMEFORMAT='%U %S'; time "$root/plimsoll" "${args[@]}"; } 2>"$tmp")
  end=$(date +%s%N)
  s=$(printf '%s\n' "$out" | sed -n 's/^  "search_ms" : \([0-9]*\),$/\1/p')
  c=$(tail -1 "$tmp" | awk '{printf "%d", ($1 + $2) * 1000}')
  w=$(( (end - start) / 1000000 ))
  search+=("$s")
  wall+=("$w")
  cpu+=("$c")
  echo "run $i: search_ms $s, wall_ms $w, cpu_ms $c"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
echo "median: search_ms $(median "${search[@]}"), wall_ms $(median "${wall[@]}"), cpu_ms $(median "${cpu[@]}")" \
  "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"
