#!/usr/bin/env bash
# Installs trialgraph's build dependencies from Debian (only those missing)
# and builds it into build/. Safe to run again: quick when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config ccache librocksdb-dev libboost-graph-dev libcpp-httplib-dev
          nlohmann-json3-dev libgtest-dev libxml2-dev zlib1g-dev libre2-dev libxxhash-dev libjemalloc-dev
          python3 python3-networkx curl time bc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_type=${TRIALGRAPH_BUILD_TYPE:-RelWithDebInfo}
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build -j"$(nproc)" "$@"
echo "setup: built build/bin/trialgraph" >&2
