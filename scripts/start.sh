#!/usr/bin/env bash
# npm start: builds what exists so far and tells what to do with it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-native.sh
cat <<MSG

Built build/native/snn, the command-line simulator. Try:
  build/native/snn run core/examples/leaky-step.json
  build/native/snn run --csv core/examples/leaky-step.json
The interactive tutorial site is not built yet: it arrives with the WebAssembly runtime and the web
issues. Until then, 'snn run' gives the same numbers the page will show.
MSG
