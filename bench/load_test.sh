#!/usr/bin/env bash
# Load test: wrk holds 32 connections on a mix of read endpoints for a set
# time while a writer posts documents to the same server. Every response must
# be 2xx, no socket may fail, and the store must pass `trialgraph check`
# afterwards with every posted document in it.
#   bash bench/load_test.sh [SECONDS=60] [DOCUMENTS=10000]
# Environment: TRIALGRAPH (binary, default build/bin/trialgraph),
# TRIALGRAPH_BENCH_DIR (keep the store and corpus there between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
docs=${2:-10000}
bin=${TRIALGRAPH:-build/bin/trialgraph}
work=${TRIALGRAPH_BENCH_DIR:-$(mktemp -d)}
port=$((20000 + RANDOM % 20000))
token=load-test-token
base="http://127.0.0.1:$port"

if [ ! -d "$work/db" ]; then
  python3 bench/generate_corpus.py "$work/in" "$docs" --focus "blinatumomab,inotuzumab ozogamicin"
  "$bin" ingest --db "$work/db" "$work/in" > /dev/null
fi
rm -rf "$work/posts" && python3 bench/generate_corpus.py "$work/posts" 2000 --seed 8 --per-file 1 > /dev/null

"$bin" serve --db "$work/db" --port "$port" --write-token "$token" 2> "$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -sf "$base/healthz" > /dev/null && break; sleep 0.2; done

q() { python3 -c "import urllib.parse,sys;print(urllib.parse.quote(sys.argv[1]))" "$1"; }
cat > "$work/mix.lua" <<LUA
paths = {
  "/api/query?q=$(q 'regimens with blinatumomab and inotuzumab in salvage')&limit=20",
  "/api/query?q=$(q 'trials of TKIs')&limit=20",
  "/api/query?q=$(q 'endpoints with blinatumomab')&limit=10",
  "/api/search?name=blina",
  "/api/nodes/$(q 'drug:inotuzumab ozogamicin')/neighbors?kind=CONTAINS&direction=in&depth=1",
  "/api/paths?from=$(q 'drug:blinatumomab')&to=$(q 'drug:inotuzumab ozogamicin')&max_hops=2",
  "/api/stats",
  "/healthz",
}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA

# The writer: posts generated abstracts one by one until wrk is done.
rm -f "$work/stop"
(
  posted=0 failed=0
  for file in "$work"/posts/*; do
    [ -f "$work/stop" ] && break
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
      --data-binary @"$file" "$base/api/documents?source=$(basename "$file")")
    case $status in 200|201) posted=$((posted + 1)) ;; *) failed=$((failed + 1)) ;; esac
  done
  echo "$posted $failed" > "$work/writer.txt"
) &
writer=$!
wrk -t2 -c32 -d"${duration}s" --latency -s "$work/mix.lua" "$base" > "$work/wrk.txt"
touch "$work/stop"
wait $writer
kill $server && wait $server 2>/dev/null || true
trap - EXIT

check=$("$bin" check --db "$work/db" --json)
python3 - "$work/wrk.txt" "$work/writer.txt" "$check" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
requests = int(re.search(r"(\d+) requests in", text).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
posted, failed = map(int, open(sys.argv[2]).read().split())
check = json.loads(sys.argv[3])
print(f"reads:  {requests:,} requests ({rps:,.0f}/s), p99 {p99_ms:.2f} ms, errors {errors}")
print(f"writes: {posted} documents posted, {failed} failed")
print(f"check:  {'ok' if check.get('ok') else 'FAILED'} ({check.get('counts', {}).get('documents')} documents)")
sys.exit(0 if errors == 0 and failed == 0 and check.get("ok") else 1)
PY
