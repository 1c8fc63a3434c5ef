# Shell helpers shared by the HTTP benchmarks (http_bench.sh, load_test.sh).
# Source it from the repository root.

# The HTTP benchmarks drive the server with wrk, which scripts/setup.sh does not install
# (the product does not need it): say so at once rather than failing midway.
if ! command -v wrk > /dev/null; then
  echo "bench: wrk is not installed (apt-get install wrk)" >&2
  exit 2
fi

# bench_store WORK DOCUMENTS BIN: a generated corpus of DOCUMENTS abstracts
# ingested into WORK/db, unless WORK/db already exists.
bench_store() {
  local work=$1 docs=$2 bin=$3
  [ -d "$work/db" ] && return
  python3 bench/generate_corpus.py "$work/in" "$docs" --focus "blinatumomab,inotuzumab ozogamicin"
  "$bin" ingest --db "$work/db" --json "$work/in" > "$work/ingest.json"
}

# start_server BIN DB PORT LOG [serve flags...]: starts `serve` in the
# background, appends its pid to the array `servers` and returns once
# /healthz answers (a large snapshot takes a while to load).
start_server() {
  local bin=$1 db=$2 port=$3 log=$4
  "$bin" serve --db "$db" --port "$port" "${@:5}" 2>> "$log" &
  servers+=($!)
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && return; sleep 0.2; done
  echo "bench: server on port $port did not start (see $log)" >&2
  return 1
}

# urlquote TEXT: TEXT percent-encoded for a query string.
urlquote() { python3 -c "import urllib.parse,sys;print(urllib.parse.quote(sys.argv[1]))" "$1"; }
