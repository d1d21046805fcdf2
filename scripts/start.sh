#!/usr/bin/env bash
# npm start: installs what is missing, builds what serving needs — the WebAssembly core and the site
# (incremental: a second run only re-links what changed), not the native build or its tests — then serves
# dist/ on loopback.
# PORT=9000 npm start picks the port; otherwise 8080 or the next free one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh wasm node
bash scripts/build-wasm.sh
node scripts/build-web.mjs
exec node scripts/serve.mjs
