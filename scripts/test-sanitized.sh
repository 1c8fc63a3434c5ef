#!/usr/bin/env bash
# Builds the whole project and its unit/end-to-end tests with AddressSanitizer
# and UndefinedBehaviorSanitizer (g++ or clang++, Debug) in build-asan/ and runs
# ctest there. Any sanitizer report fails the test that triggered it.
#   bash scripts/test-sanitized.sh [extra ctest args, e.g. -R ingest_]
# Environment: ASAN_JOBS (build and ctest parallelism, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$PWD/build-asan
JOBS=${ASAN_JOBS:-2}

cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer" >/dev/null
cmake --build "$BUILD" -j"$JOBS"

# halt_on_error: a UBSan report ends the process, so ctest sees the failure.
# detect_leaks stays on; the child processes the e2e tests spawn inherit this.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$BUILD"
start=$(date +%s)
set +e
ctest --output-on-failure -j"$JOBS" --timeout 1200 "$@"
rc=$?
set -e
echo "test-sanitized: ctest finished in $(( $(date +%s) - start )) s (rc=$rc)"
exit $rc
