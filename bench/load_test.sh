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

source bench/lib.sh
bench_store "$work" "$docs" "$bin"
# Posts are new documents (their ids follow the store's), so the store must grow by exactly what was posted.
rm -rf "$work/posts" && python3 bench/generate_corpus.py "$work/posts" 2000 --seed 8 --per-file 1 --first-id 5000000 > /dev/null
stored_before=$("$bin" stats --db "$work/db" --json | python3 -c "import json,sys;print(json.load(sys.stdin)['documents'])")

servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true' EXIT
start_server "$bin" "$work/db" "$port" "$work/serve.log" --write-token "$token"
server=${servers[0]}

cat > "$work/mix.lua" <<LUA
paths = {
  "/api/query?q=$(urlquote 'regimens with blinatumomab and inotuzumab in salvage')&limit=20",
  "/api/query?q=$(urlquote 'trials of TKIs')&limit=20",
  "/api/query?q=$(urlquote 'endpoints with blinatumomab')&limit=10",
  "/api/search?name=blina",
  "/api/nodes/$(urlquote 'drug:inotuzumab ozogamicin')/neighbors?kind=CONTAINS&direction=in&depth=1",
  "/api/paths?from=$(urlquote 'drug:blinatumomab')&to=$(urlquote 'drug:inotuzumab ozogamicin')&max_hops=2",
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
PYTHONPATH=bench python3 - "$work/wrk.txt" "$work/writer.txt" "$check" "$stored_before" <<'PY'
import json, sys
from wrk_summary import read
run = read(sys.argv[1])
posted, failed = map(int, open(sys.argv[2]).read().split())
check, before = json.loads(sys.argv[3]), int(sys.argv[4])
stored = check.get("counts", {}).get("documents", 0)
print(f"reads:  {run.requests:,} requests ({run.rps:,.0f}/s), p99 {run.p99_ms:.2f} ms, errors {run.errors}")
print(f"writes: {posted} documents posted, {failed} failed")
print(f"check:  {'ok' if check.get('ok') else 'FAILED'}; {stored} documents stored = {before} before + {stored - before}")
sys.exit(0 if run.errors == 0 and failed == 0 and check.get("ok") and stored == before + posted else 1)
PY
