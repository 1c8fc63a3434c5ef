#!/usr/bin/env bash
# Set up, build everything and run the whole test suite (unit and end-to-end),
# then the unit tests again under AddressSanitizer/UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd build && ctest --output-on-failure -j2 --timeout 600)
# The unit tests and the fuzz smoke run again under ASan and UBSan: a clean
# sanitizer build of what they need takes about 3 minutes on 2 cores.
bash scripts/test-sanitized.sh --unit
