#!/usr/bin/env bash
# Runs every test: the native suite, the WASM suite (Node, against the built module), the site in a real
# browser, the native suite under ASan+UBSan, a bounded fuzz run, and the real snnTorch against the core.
# FUZZ_SECONDS (default 30) bounds the fuzz run; SNN_SKIP_SANITIZE=1 skips the sanitizer pass.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh native fuzz wasm node browser reference
# Let ccache share results between clones in different folders (CI builds a fresh clone).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

echo "== native suite (build/native)"
cmake --preset native >/dev/null
cmake --build --preset native
ctest --preset native

echo "== WASM suite (build/wasm, node --test)"
bash scripts/build-wasm.sh
node --test tests/wasm/


echo "== site in Debian's Chromium (dist/, node --test tests/web/)"
node scripts/build-web.mjs
# One file at a time: the figure tests briefly add a page to dist/ that the smoke tests enumerate.
node --test --test-concurrency=1 tests/web/

if [ "${SNN_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== native suite under AddressSanitizer + UndefinedBehaviorSanitizer (build/sanitize)"
  cmake --preset sanitize >/dev/null
  cmake --build --preset sanitize
  ctest --preset sanitize
fi

echo "== fuzzing the Scenario parser for ${FUZZ_SECONDS:-30} s"
bash tests/fuzz/run.sh "${FUZZ_SECONDS:-30}"

# Last, so that everything above runs whatever it finds: it needs build/native and build/wasm (built above)
# and ../shared/reference/snntorch-0.9.4 beside the checkout.
echo "== the real snnTorch 0.9.4 and torch.log against the core, natively and in WASM (tests/reference)"
node --test tests/reference/
