#!/usr/bin/env bash
# Set up, build everything and run the whole test suite (unit and end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
ctest --output-on-failure -j2 --timeout 600
