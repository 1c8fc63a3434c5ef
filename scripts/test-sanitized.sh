#!/usr/bin/env bash
# Builds the project and its tests with AddressSanitizer and
# UndefinedBehaviorSanitizer (-O0, line tables only: quickest to build) in
# build-asan/ (or $ASAN_BUILD_DIR) and runs ctest there.
# Any sanitizer report fails the test that triggered it.
#   bash scripts/test-sanitized.sh            every test (unit and end-to-end)
#   bash scripts/test-sanitized.sh --unit     the unit tests and the fuzz smoke
#                                             run only: what CI runs (scripts/test.sh)
#   bash scripts/test-sanitized.sh [--unit] [extra ctest args, e.g. -R Store]
# Environment: ASAN_JOBS (build and ctest parallelism, default: the number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${ASAN_BUILD_DIR:-$PWD/build-asan}
JOBS=${ASAN_JOBS:-$(nproc)}
targets=()
ctest_args=()
if [ "${1:-}" = "--unit" ]; then
  shift
  # The unit-labelled test binaries (each depends on the trialgraph binary too).
  targets=(--target unit_tests)
  ctest_args=(-L unit)
fi

cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" >/dev/null
cmake --build "$BUILD" -j"$JOBS" "${targets[@]}"

# A UBSan report ends the process (-fno-sanitize-recover), so ctest sees the
# failure. detect_leaks stays on; child processes the tests spawn inherit this.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$BUILD"
start=$(date +%s)
set +e
ctest --output-on-failure -j"$JOBS" --timeout 1200 "${ctest_args[@]}" "$@"
rc=$?
set -e
echo "test-sanitized: ctest finished in $(( $(date +%s) - start )) s (rc=$rc)"
exit $rc
