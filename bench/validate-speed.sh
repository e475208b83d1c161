#!/usr/bin/env bash
# Times `plimsoll validate --measured` on the shared H100 and H200 files, the issue's speed goal
# (2,000 rows in at most 90 s on two cores). Runs each file RUNS times (default 3), alternating, each
# in a fresh JVM as a user would, and prints every wall time, the medians, and the medians' sum
# scaled to 2,000 rows. Usage: bench/validate-speed.sh [RUNS] [SHARED_DATA_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
data="${2:-$root/../shared/data}"
"$root/plimsoll" --version >/dev/null   # build the jar first if needed, outside the timings
declare -A wall
declare -A rows
for gpu in h100 h200; do
  rows[$gpu]=$(($(wc -l < "$data/e2e/${gpu}_sxm.csv") - 1))
done
for ((i = 1; i <= runs; i++)); do
  for gpu in h100 h200; do
    start=$(date +%s%N)
    "$root/plimsoll" validate --measured "$data/e2e/${gpu}_sxm.csv" --format aic-silicon \
        --models-dir "$data/hf-configs" --output json >/dev/null
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    wall[$gpu]="${wall[$gpu]:-} $ms"
    echo "run $i: $gpu ${rows[$gpu]} rows, wall_ms $ms"
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
# shellcheck disable=SC2086
h100=$(median ${wall[h100]})
# shellcheck disable=SC2086
h200=$(median ${wall[h200]})
total=$((rows[h100] + rows[h200]))
echo "median: h100 ${h100} ms, h200 ${h200} ms; $total rows in $((h100 + h200)) ms," \
     "$(( (h100 + h200) * 2000 / total )) ms per 2,000 rows (goal 90000; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
