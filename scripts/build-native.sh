#!/usr/bin/env bash
# Builds the core, the snn CLI and the native tests into build/native (incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh native
cmake --preset native >/dev/null
cmake --build --preset native
