#!/usr/bin/env bash
# Times reading the calibration the README's reference plan needs (the h200-sxm/vllm bundle's GEMM,
# attention and collective curves for Qwen3-32B), RUNS times (default 5), each in a fresh JVM with
# the launcher's flags for plan (C1 only), and prints the load time measured inside the JVM (specs
# already read, as plan reads them first), the whole process's wall time, then their medians.
# The warm (JIT-compiled) figure is `plimsoll bench --suite bundle-load`. Usage: bench/bundle-load.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
"$root/plimsoll" --version >/dev/null   # build the jar first if needed, outside the timings
load=()
wall=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  out=$(java -XX:TieredStopAtLevel=1 -cp "$root/cli/target/plimsoll.jar" dev.plimsoll.cli.bench.BundleLoadBenchmark)
  end=$(date +%s%N)
  l=$(printf '%s\n' "$out" | sed -n 's/.*bundle_load_ms \([0-9]*\).*/\1/p')
  w=$(( (end - start) / 1000000 ))
  load+=("$l")
  wall+=("$w")
  echo "run $i: $out, process wall_ms $w"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
echo "median: bundle_load_ms $(median "${load[@]}"), process wall_ms $(median "${wall[@]}") (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
