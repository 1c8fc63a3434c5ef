#!/usr/bin/env bash
# HTTP query throughput and latency on a generated graph, against the
# server's own ceiling (/healthz), plus in-process latency of the question.
# The question is measured as served (repeats answered from the per-snapshot
# answer cache; 5 evidence sentences per result, the default), with 20
# sentences per result (a body 2.5 times larger), and with the cache off
# (every request evaluated).
#   bash bench/http_bench.sh [DOCUMENTS=100000] [SECONDS=10]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-100000}
duration=${2:-10}
work=${TRIALGRAPH_BENCH_DIR:-$(mktemp -d)}
port=$((20000 + RANDOM % 20000))
question='regimens with blinatumomab and inotuzumab in salvage'
source bench/lib.sh
bench_store "$work" "$docs" ./build/bin/trialgraph
./build/bin/trialgraph stats --db "$work/db"
./build/query_bench --db "$work/db" --question "$question" --repeat 2000 --limit 20
servers=()
trap 'kill "${servers[@]}" 2>/dev/null; [ -z "${TRIALGRAPH_BENCH_DIR:-}" ] && rm -rf "$work"' EXIT
start_server ./build/bin/trialgraph "$work/db" "$port" "$work/serve.log"
start_server ./build/bin/trialgraph "$work/db" "$((port + 1))" "$work/serve.log" --answer-cache-mb 0
path="/api/query?q=$(urlquote "$question")&limit=20"
url="http://127.0.0.1:$port$path"
curl -sf "$url" | python3 -c "import json,sys;d=json.load(sys.stdin);print('HTTP answer:',d['total'],'results')"
wrk -t2 -c32 -d"${duration}s" --latency "$url" > "$work/query.txt"
wrk -t2 -c32 -d"${duration}s" --latency "http://127.0.0.1:$port/healthz" > "$work/health.txt"
wrk -t2 -c32 -d"${duration}s" --latency "$url&evidence=20" > "$work/evidence20.txt"
wrk -t2 -c32 -d"${duration}s" --latency "http://127.0.0.1:$((port + 1))$path" > "$work/uncached.txt"
for answer_url in "$url" "$url&evidence=20"; do curl -sf "$answer_url" | wc -c | xargs printf 'answer body: %s bytes\n'; done
PYTHONPATH=bench python3 - "$work/query.txt" "$work/health.txt" "$work/evidence20.txt" "$work/uncached.txt" <<'PY'
import sys
from wrk_summary import read
q, h, e, u = (read(path) for path in sys.argv[1:5])
for label, run in (("query:", q), ("healthz:", h), ("evidence=20:", e), ("query uncached:", u)):
    print(f"{label:15} {run.rps:10,.0f} requests/s   p99 {run.p99_ms:7.2f} ms   errors {run.errors}")
print(f"query throughput / healthz throughput: {q.rps / h.rps:.2f} (evidence=20: {e.rps / h.rps:.2f})")
PY
