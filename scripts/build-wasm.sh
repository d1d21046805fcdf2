#!/usr/bin/env bash
# Builds the three WebAssembly artifacts into build/wasm/dist (incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh wasm node
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
# Debian's emcc needs Debian's acorn when Node is not Debian's (emscripten.md, trap 1).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
# emcmake would set an emulator Node 20 rejects (trap 5); the preset names /usr/bin/node instead.
emcmake cmake --preset wasm -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node >/dev/null
cmake --build --preset wasm
# Emscripten 3.1.6's own minifier leaves the ES-module glue at ~50 KB; esbuild (npm) halves it.
if [ build/wasm/dist/snn.mjs -nt build/wasm/dist/snn.min.mjs ] || [ ! -f build/wasm/dist/snn.min.mjs ]; then
  node_modules/.bin/esbuild build/wasm/dist/snn.mjs --minify --format=esm --log-level=warning \
    --outfile=build/wasm/dist/snn.min.mjs
fi
