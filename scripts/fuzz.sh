#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs
# each for SECONDS_PER_TARGET seconds (default 60) from a seed corpus made in a
# temporary directory (nothing is copied into the repository).
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET]
# Environment: FUZZ_TARGETS="fuzz_readers fuzz_question fuzz_text_page" to pick
# targets; FUZZ_JOBS (build parallelism, default 2); FUZZ_KEEP=1 keeps the temp dir;
# FUZZ_NO_BUILD=1 runs the targets already in build-fuzz/fuzz without rebuilding.
# Crash reproducers land in build-fuzz/crashes/<target>/; re-run one with
#   build-fuzz/fuzz/<target> <file>
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_TARGET=${1:-60}
TARGETS=${FUZZ_TARGETS:-"fuzz_readers fuzz_question fuzz_text_page"}
DATA=$ROOT/../shared/data
SEEDS=$ROOT/../shared/seeds
BUILD=$ROOT/build-fuzz

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (apt-get install -y clang libclang-rt-14-dev llvm)" >&2; exit 1; }

if [[ ${FUZZ_NO_BUILD:-0} != 1 ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DTRIALGRAPH_FUZZ=ON >/dev/null
  # shellcheck disable=SC2086
  cmake --build "$BUILD" -j"${FUZZ_JOBS:-2}" --target $TARGETS
fi

WORK=$(mktemp -d /tmp/trialgraph-fuzz.XXXXXX)
[[ ${FUZZ_KEEP:-0} == 1 ]] || trap 'rm -rf "$WORK"' EXIT

# ---- seed corpora (small files of every format; libFuzzer truncates at -max_len anyway)
docs=$WORK/seeds-docs
mkdir -p "$docs"
add() { for f in "$@"; do [[ -f $f && $(stat -c %s "$f") -le 65536 ]] && cp "$f" "$docs/$(basename "$(dirname "$f")")_$(basename "$f")"; done; return 0; }
add "$DATA"/pubmed/pubmed1.xml "$DATA"/pubmed/pubmed2.xml "$DATA"/pubmed/pubmed-29768149.xml "$DATA"/pubmed/efetch_pmc.xml
add "$DATA"/pubmed/pubmed_result1.txt "$DATA"/pubmed/pubmed_result2.txt "$DATA"/pubmed/pubmed_result3.txt
add "$DATA"/pubmed/test_current_medline.xml.gz
add $(ls -S "$DATA"/ctgov/json/*.json | tail -n 5)
add $(ls -S "$DATA"/ctgov/xml/*.xml | tail -n 5)
add $(ls "$DATA"/ctgov-text-all/*.story 2>/dev/null | head -n 5)
add "$SEEDS"/*.txt "$ROOT"/samples/corpus/*.txt
head -n 40 "$DATA"/bc5cdr/CDR_DevelopmentSet.PubTator.txt >"$docs/bc5cdr_head.PubTator.txt"
# gzip of a text page and of a CT.gov record, so gzip wraps more than PubMed
gzip -9c "$ROOT/samples/corpus/01_tower-blinatumomab.txt" >"$docs/gz_text.txt.gz"
gzip -9c "$(ls -S "$DATA"/ctgov/json/*.json | tail -n 1)" >"$docs/gz_ctgov.json.gz"

pages=$WORK/seeds-pages
mkdir -p "$pages"
cp "$ROOT"/samples/corpus/*.txt "$pages"/
for f in "$SEEDS"/*.txt; do [[ -f $f ]] && cp "$f" "$pages/seed_$(basename "$f")"; done

questions=$WORK/seeds-questions
mkdir -p "$questions"
i=0
while IFS= read -r q; do
  [[ -n $q ]] || continue
  printf '%s' "$q" >"$questions/q$((i++))"
done <<'QUESTIONS'
trials
phase 3 trials
trials phase II/III
regimens with blinatumomab
regimens with blinatumomab and inotuzumab in salvage
regimens with blinatumomab or inotuzumab
regimens with blinatumomab or mini-HCVD
regimens with blinatumomab in salvage phase 2
drugs combined with blinatumomab
adverse events of Besponsa
adverse events of ponatinib in Ph+ ALL
trials of TKIs
trials without rituximab
trials with dasatinib without imatinib among adults
endpoints of blinatumomab after transplant
populations of venetoclax and azacitidine
documents containing tisagenlecleucel
trials reporting overall survival
trials for older adults with acute myeloid leukemia reporting complete remission
regimens with hyper-CVAD and ponatinib for newly diagnosed Ph-positive ALL phase 2
QUESTIONS

declare -A corpus=([fuzz_readers]=$docs [fuzz_text_page]=$pages [fuzz_question]=$questions)
declare -A dict=([fuzz_question]=$WORK/question.dict [fuzz_readers]=$WORK/docs.dict [fuzz_text_page]=$WORK/docs.dict)
# Tokens of every format plus numbers that overflow int/double, so mutations reach the value parsers.
cat >"$WORK/docs.dict" <<'DICT'
"<PubmedArticleSet>"
"<PubmedArticle>"
"<MedlineCitation>"
"<PMID>"
"<AbstractText Label=\"RESULTS\">"
"<clinical_study>"
"<brief_title>"
"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
"&a;"
"\"protocolSection\""
"\"studies\""
"\"enrollmentInfo\":{\"count\":"
"PMID- "
"\x0aAB  - "
"\x1f\x8b"
"99999999999999999999"
"1e400"
"-2147483649"
" patients"
" months"
"hazard ratio"
"95% CI"
"P<0.001"
"NCT01234567"
DICT
{ for w in trials regimens drugs populations endpoints "adverse events" documents with of containing "combined with" \
      and or without in for among after phase reporting; do printf '"%s"\n' "$w"; done; } >"$WORK/question.dict"

echo
printf '%-16s %10s %12s %8s %8s %s\n' target seconds executions exec/s crashes corpus
summary=()
status=0
for t in $TARGETS; do
  out=$WORK/$t.corpus crashes=$BUILD/crashes/$t log=$BUILD/$t.log
  mkdir -p "$out" "$crashes"
  args=(-max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
        -artifact_prefix="$crashes/")
  [[ -n ${dict[$t]:-} ]] && args+=(-dict="${dict[$t]}")
  set +e
  "$BUILD/fuzz/$t" "${args[@]}" "$out" "${corpus[$t]}" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  found=$(find "$crashes" -type f | wc -l)
  [[ $rc == 0 ]] || status=1
  summary+=("$(printf '%-16s %10s %12s %8s %8s %s' "$t" "$SECONDS_PER_TARGET" "${execs:-?}" "${rate:-?}" "$found" "$(ls "$out" | wc -l) inputs (rc=$rc)")")
  echo "${summary[-1]}"
done
echo
echo "logs: $BUILD/<target>.log"
for t in $TARGETS; do
  for f in $(find "$BUILD/crashes/$t" -type f 2>/dev/null); do echo "crash file: $f  (reproduce: $BUILD/fuzz/$t $f)"; done
done
exit $status
