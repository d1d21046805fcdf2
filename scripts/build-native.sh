#!/usr/bin/env bash
# Builds the core, the snn CLI and the native tests into build/native (incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh native
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset native >/dev/null
cmake --build --preset native
