#!/usr/bin/env bash
# The main job: set up, build, ingest the bundled sample corpus (samples/corpus/)
# into data/sample.db, and serve it on http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --target trialgraph
./build/bin/trialgraph ingest --db data/sample.db samples/corpus/
./build/bin/trialgraph stats --db data/sample.db
echo "try: curl 'http://127.0.0.1:${PORT:-8080}/api/query?q=regimens%20with%20blinatumomab%20and%20inotuzumab%20in%20salvage'" >&2
exec ./build/bin/trialgraph serve --db data/sample.db --port "${PORT:-8080}"
