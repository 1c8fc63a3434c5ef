#!/usr/bin/env bash
# Times `trialgraph export --format graphml` on a store (MB/s, peak RSS) and,
# in the same run, networkx's write_graphml of the same graph; prints both and
# their ratio.
#
# usage: bench/export_bench.sh STORE_DIR [WORK_DIR]
#   TRIALGRAPH  the binary (default: build/bin/trialgraph next to this script)
#   PYTHON      the interpreter with networkx (default: python3); networkx
#               writes with lxml when that interpreter has it
#   NETWORKX    set to 0 to skip networkx (it needs about 110 MB of memory
#               per 1k documents, and minutes, on large graphs)
# The trialgraph time covers the whole command: opening the store (which
# replays its write-ahead log, reported below) and streaming the graph; CPU
# is user + system time, which a busy machine does not inflate. The networkx
# times (elapsed and CPU) cover write_graphml alone.
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

# Dirty pages of an earlier run (a previous export, a store just written)
# would be written back while this one runs and compete for the disk.
sync
start=$(date +%s%N)
/usr/bin/time -v -o "$work/time.txt" "$bin" export --db "$db" --format graphml -o "$graphml"
end=$(date +%s%N)

bytes=$(stat -c %s "$graphml")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
cpu_seconds=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.3f", s}' "$work/time.txt")
tg_seconds=$(awk -v ns=$((end - start)) 'BEGIN {printf "%.4f", ns / 1e9}')
wal_bytes=$(find "$db" -maxdepth 1 -name '*.log' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
nx_json='null'
[[ ${NETWORKX:-1} == 0 ]] || nx_json=$("$python" "$here/export_networkx.py" "$graphml" "$work/networkx.graphml")

"$python" - "$bytes" "$tg_seconds" "$cpu_seconds" "$rss_kb" "$wal_bytes" "$nx_json" <<'PY'
import json, sys
size, seconds, cpu, rss_kb, wal = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
nx = json.loads(sys.argv[6])
mbps = size / 1e6 / seconds if seconds > 0 else float("inf")
if nx:
    print(f"graph:      {nx['nodes']} nodes, {nx['edges']} edges")
print(f"trialgraph: {size / 1e6:.2f} MB in {seconds:.3f} s = {mbps:.1f} MB/s (CPU {cpu:.3f} s), "
      f"peak RSS {rss_kb / 1024:.1f} MiB (open + stream; write-ahead log replayed at open: {wal / 1e6:.0f} MB)")
if nx:
    print(f"networkx:   {nx['bytes'] / 1e6:.2f} MB in {nx['write_seconds']:.3f} s = {nx['write_mb_per_s']} MB/s "
          f"(CPU {nx['write_cpu_seconds']:.3f} s; write_graphml, {nx['writer']}), read_graphml {nx['read_seconds']:.3f} s, "
          f"peak RSS {nx['peak_rss_kb'] / 1024:.1f} MiB")
    ratio = nx["write_seconds"] / seconds if seconds > 0 else float("inf")
    print(f"ratio:      networkx write_graphml / trialgraph export = {ratio:.2f}x elapsed, "
          f"{nx['write_cpu_seconds'] / cpu:.2f}x CPU")
PY
echo "files in $work"
