#!/usr/bin/env bash
# Throughput of `trialgraph ingest` on real MEDLINE citations, against the
# wall time of `gzip -1` over the same uncompressed bytes.
#   [TRIALGRAPH_BUILD=DIR] bash bench/ingest_throughput.sh [COPIES=20] [JOBS=0]
# 20 copies of ../shared/data/pubmed/medline16n0902.xml.gz = 12,080 citations.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-20}
jobs=${2:-0}
bin=${TRIALGRAPH_BUILD:-./build}/bin/trialgraph  # TRIALGRAPH_BUILD: build directory to measure
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/replicate_medline.py ../shared/data/pubmed/medline16n0902.xml.gz "$work/in" "$copies"
zcat "$work"/in/*.xml.gz > "$work/all.xml"
bytes=$(stat -c %s "$work/all.xml")

start=$(date +%s.%N)
gzip -1 -c "$work/all.xml" > /dev/null
gzip_s=$(echo "$(date +%s.%N) - $start" | bc -l)

/usr/bin/time -v "$bin" ingest --db "$work/db" --json --jobs "$jobs" "$work/in" > "$work/summary.json" 2> "$work/time.txt"
rss_kb=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
wall=$(python3 -c "import json;print(json.load(open('$work/summary.json'))['seconds'])")
docs=$(python3 -c "import json;d=json.load(open('$work/summary.json'));print(d['documents'])")
failed=$(python3 -c "import json;print(len(json.load(open('$work/summary.json'))['failed']))")

start=$(date +%s.%N)
"$bin" ingest --db "$work/db" --json --jobs "$jobs" "$work/in" > "$work/rerun.json"
rerun_s=$(echo "$(date +%s.%N) - $start" | bc -l)

python3 - "$docs" "$wall" "$gzip_s" "$bytes" "$rss_kb" "$failed" "$rerun_s" "$(nproc)" <<'PY'
import sys
docs, wall, gz, nbytes, rss, failed, rerun, cores = sys.argv[1:]
docs, wall, gz, nbytes, rerun = int(docs), float(wall), float(gz), int(nbytes), float(rerun)
print(f"cores:                {cores}")
print(f"citations ingested:   {docs} (failed files: {failed})")
print(f"uncompressed input:   {nbytes/1e6:.1f} MB")
print(f"ingest wall time:     {wall:.2f} s  ->  {docs/wall:,.0f} documents/s")
print(f"gzip -1 wall time:    {gz:.2f} s  ->  ingest/gzip ratio {wall/gz:.2f}")
print(f"peak RSS:             {int(rss)/1024:.0f} MiB")
print(f"rerun (all unchanged): {rerun:.2f} s")
PY
