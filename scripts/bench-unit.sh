#!/usr/bin/env bash
# Runs the unit suite N times, optionally beside K CPU hogs (busy loops, one core each), and prints
# each run's wall time and result, then min/median/max wall time and how many runs passed.
#
# Usage: npm run bench:unit -- [-n RUNS] [-k HOGS] [-w WARMUP]
#   -n RUNS    counted runs (default 5)
#   -k HOGS    CPU hogs running beside the suite for the whole benchmark (default 0)
#   -w WARMUP  uncounted runs first, to fill jest's transform cache (default 1)
# The log of every failed run is kept, and its path printed.
set -euo pipefail

runs=5 hogs=0 warmup=1
while getopts "n:k:w:" opt; do
  case $opt in
    n) runs=$OPTARG ;;
    k) hogs=$OPTARG ;;
    w) warmup=$OPTARG ;;
    *) echo "usage: $0 [-n RUNS] [-k HOGS] [-w WARMUP]" >&2; exit 1 ;;
  esac
done
cd "$(dirname "$0")/.."

logs=$(mktemp -d "${TMPDIR:-/tmp}/bench-unit.XXXXXX")
hog_pids=()
stop_hogs() {
  for pid in "${hog_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_hogs EXIT

now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }

# One run: prints "<ms> <exit code>".
run_suite() {
  local log=$1 start end code=0
  start=$(now_ms)
  node_modules/.bin/jest --selectProjects unit --ci --silent >"$log" 2>&1 || code=$?
  end=$(now_ms)
  echo "$((end - start)) $code"
}

echo "bench-unit: $runs runs, $hogs CPU hogs, $warmup warm-up; $(nproc) cores; load average before: $(loadavg)"
for ((i = 0; i < hogs; i++)); do
  (while :; do :; done) &
  hog_pids+=($!)
done

for ((i = 1; i <= warmup; i++)); do
  read -r ms code < <(run_suite "$logs/warmup-$i.log")
  printf 'warm-up %d: %5s s  exit %d\n' "$i" "$(secs "$ms")" "$code"
done

times=() passed=0
for ((i = 1; i <= runs; i++)); do
  log="$logs/run-$i.log"
  read -r ms code < <(run_suite "$log")
  times+=("$ms")
  if [[ $code -eq 0 ]]; then
    passed=$((passed + 1))
    rm -f "$log"
    verdict=pass
  else
    verdict="FAIL (exit $code, log: $log; $(grep -c '●' "$log" || true) failures)"
  fi
  printf 'run %2d/%d: %5s s  %s  (load %s)\n' "$i" "$runs" "$(secs "$ms")" "$verdict" "$(loadavg)"
done
stop_hogs

sorted=$(printf '%s\n' "${times[@]}" | sort -n)
min=$(echo "$sorted" | head -1)
max=$(echo "$sorted" | tail -1)
median=$(echo "$sorted" | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')
printf 'wall time: min %s s, median %s s, max %s s; passed %d of %d (%d CPU hogs)\n' \
  "$(secs "$min")" "$(secs "$median")" "$(secs "$max")" "$passed" "$runs" "$hogs"
[[ $passed -eq $runs ]] || { echo "logs of failed runs: $logs"; exit 1; }
rmdir "$logs" 2>/dev/null || true
