#!/usr/bin/env bash
# Drug-mention yardstick: runs bc5cdr_bench on the BC5CDR training and
# development sets, with the full drug vocabulary (drugs.tsv + drugs_drugbank.tsv)
# and with the curated drugs.tsv alone.
#   bench/bc5cdr.sh [BUILD_DIR]    (default: build)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
DATA="${BC5CDR_DIR:-$ROOT/../shared/data/bc5cdr}"
BENCH="$BUILD/bin/bc5cdr_bench"
[ -x "$BENCH" ] || { echo "build it first: cmake --build $BUILD --target bc5cdr_bench" >&2; exit 1; }
FILES=("$DATA/CDR_TrainingSet.PubTator.txt" "$DATA/CDR_DevelopmentSet.PubTator.txt")
echo "== drugs.tsv + drugs_drugbank.tsv"
"$BENCH" --ontology "$ROOT/ontology" "${FILES[@]}"
echo "== drugs.tsv only"
"$BENCH" --vocab "$ROOT/ontology/drugs.tsv" "${FILES[@]}"
