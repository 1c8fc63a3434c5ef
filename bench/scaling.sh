#!/usr/bin/env bash
# Ingest throughput and store size as the graph grows, on generated abstracts.
#   [TRIALGRAPH_BUILD=DIR] [TRIALGRAPH_BENCH_DIR=DIR] bash bench/scaling.sh [SIZES="10000 100000 1000000"] [JOBS=0]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"10000 100000 1000000"}
jobs=${2:-0}
bin=${TRIALGRAPH_BUILD:-./build}/bin/trialgraph  # TRIALGRAPH_BUILD: build directory to measure
work=${TRIALGRAPH_BENCH_DIR:-$(mktemp -d)}
trap '[ -z "${TRIALGRAPH_BENCH_DIR:-}" ] && rm -rf "$work"' EXIT
# cpu_s (user + system) is steadier than docs/s on a shared machine.
printf "%10s %12s %10s %14s %10s %10s\n" documents seconds docs/s bytes/doc rss_MiB cpu_s
for n in $sizes; do
  rm -rf "$work/in" "$work/db"
  python3 bench/generate_corpus.py "$work/in" "$n"
  /usr/bin/time -v "$bin" ingest --db "$work/db" --json --jobs "$jobs" "$work/in" > "$work/summary.json" 2> "$work/time.txt"
  rss_kb=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
  cpu_s=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")
  python3 - "$work/summary.json" "$(du -sb "$work/db" | cut -f1)" "$rss_kb" "$cpu_s" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
docs = s["documents"]
print(f"{docs:10d} {s['seconds']:12.1f} {docs / s['seconds']:10.0f} {int(sys.argv[2]) / max(docs, 1):14.0f} "
      f"{int(sys.argv[3]) / 1024:10.0f} {float(sys.argv[4]):10.1f}")
PY
done
