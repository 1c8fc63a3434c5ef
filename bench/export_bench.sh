#!/usr/bin/env bash
# Times `trialgraph export --format graphml` on a store (MB/s, peak RSS) and,
# in the same run, networkx's write_graphml of the same graph; prints both and
# their ratio.
#
# usage: bench/export_bench.sh STORE_DIR [WORK_DIR]
#   TRIALGRAPH  the binary (default: build/bin/trialgraph next to this script)
#   PYTHON      the interpreter with networkx (default: python3)
# The trialgraph time covers the whole command: opening the store, loading
# the snapshot and writing; the networkx time covers write_graphml alone.
set -euo pipefail

db=${1:?usage: bench/export_bench.sh STORE_DIR [WORK_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
bin=${TRIALGRAPH:-$here/../build/bin/trialgraph}
python=${PYTHON:-python3}
work=${2:-$(mktemp -d -t tg-export-bench.XXXXXX)}
mkdir -p "$work"
graphml=$work/trialgraph.graphml

[[ -x $bin ]] || { echo "export_bench: no trialgraph binary at $bin (set TRIALGRAPH)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "export_bench: needs GNU time at /usr/bin/time" >&2; exit 2; }

start=$(date +%s%N)
/usr/bin/time -v -o "$work/time.txt" "$bin" export --db "$db" --format graphml -o "$graphml"
end=$(date +%s%N)

bytes=$(stat -c %s "$graphml")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
tg_seconds=$(awk -v ns=$((end - start)) 'BEGIN {printf "%.4f", ns / 1e9}')
nx_json=$("$python" "$here/export_networkx.py" "$graphml" "$work/networkx.graphml")

"$python" - "$bytes" "$tg_seconds" "$rss_kb" "$nx_json" <<'PY'
import json, sys
size, seconds, rss_kb, nx = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
mbps = size / 1e6 / seconds if seconds > 0 else float("inf")
print(f"graph:      {nx['nodes']} nodes, {nx['edges']} edges")
print(f"trialgraph: {size / 1e6:.2f} MB in {seconds:.3f} s = {mbps:.1f} MB/s, peak RSS {rss_kb / 1024:.1f} MiB "
      "(open + load + write)")
print(f"networkx:   {nx['bytes'] / 1e6:.2f} MB in {nx['write_seconds']:.3f} s = {nx['write_mb_per_s']} MB/s "
      f"(write_graphml, {nx['writer']}), read_graphml {nx['read_seconds']:.3f} s, peak RSS {nx['peak_rss_kb'] / 1024:.1f} MiB")
ratio = nx["write_seconds"] / seconds if seconds > 0 else float("inf")
print(f"ratio:      networkx write_graphml / trialgraph export = {ratio:.2f}x")
PY
echo "files in $work"
