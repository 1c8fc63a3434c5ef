#!/usr/bin/env bash
# HTTP query throughput and latency on a generated graph, against the
# server's own ceiling (/healthz), plus in-process latency of the question.
# The question is measured twice: as served (repeats answered from the
# per-snapshot answer cache) and with the cache off (every request evaluated).
#   bash bench/http_bench.sh [DOCUMENTS=100000] [SECONDS=10]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-100000}
duration=${2:-10}
work=${TRIALGRAPH_BENCH_DIR:-$(mktemp -d)}
port=$((20000 + RANDOM % 20000))
question='regimens with blinatumomab and inotuzumab in salvage'
if [ ! -d "$work/db" ]; then
  python3 bench/generate_corpus.py "$work/in" "$docs" --focus "blinatumomab,inotuzumab ozogamicin"
  ./build/bin/trialgraph ingest --db "$work/db" --json "$work/in" > "$work/ingest.json"
fi
./build/bin/trialgraph stats --db "$work/db"
./build/query_bench --db "$work/db" --question "$question" --repeat 2000 --limit 20
servers=()
trap 'kill "${servers[@]}" 2>/dev/null; [ -z "${TRIALGRAPH_BENCH_DIR:-}" ] && rm -rf "$work"' EXIT
serve() {  # serve PORT [extra flags]: starts a server and waits until it answers
  ./build/bin/trialgraph serve --db "$work/db" --port "$1" "${@:2}" 2>> "$work/serve.log" &
  servers+=($!)
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$1/healthz" > /dev/null && return; sleep 0.2; done  # a large snapshot takes a while
  echo "http_bench: server on port $1 did not start" >&2; exit 1
}
serve "$port"
serve "$((port + 1))" --answer-cache-mb 0
path="/api/query?q=$(python3 -c "import urllib.parse,sys;print(urllib.parse.quote(sys.argv[1]))" "$question")&limit=20"
url="http://127.0.0.1:$port$path"
curl -sf "$url" | python3 -c "import json,sys;d=json.load(sys.stdin);print('HTTP answer:',d['total'],'results')"
wrk -t2 -c32 -d"${duration}s" --latency "$url" > "$work/query.txt"
wrk -t2 -c32 -d"${duration}s" --latency "http://127.0.0.1:$port/healthz" > "$work/health.txt"
wrk -t2 -c32 -d"${duration}s" --latency "http://127.0.0.1:$((port + 1))$path" > "$work/uncached.txt"
python3 - "$work/query.txt" "$work/health.txt" "$work/uncached.txt" <<'PY'
import re, sys
def read(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, float(p99.group(1)) * scale, int(errors.group(1)) if errors else 0
q, h, u = read(sys.argv[1]), read(sys.argv[2]), read(sys.argv[3])
print(f"query:          {q[0]:10,.0f} requests/s   p99 {q[1]:7.2f} ms   non-2xx {q[2]}")
print(f"healthz:        {h[0]:10,.0f} requests/s   p99 {h[1]:7.2f} ms   non-2xx {h[2]}")
print(f"query uncached: {u[0]:10,.0f} requests/s   p99 {u[1]:7.2f} ms   non-2xx {u[2]}")
print(f"query throughput / healthz throughput: {q[0] / h[0]:.2f}")
PY
