#!/usr/bin/env bash
# Builds the libFuzzer target (the `fuzz` preset: clang, ASan + UBSan, build/fuzz) and fuzzes the Scenario
# parser for SECONDS seconds (default 60), starting from tests/fuzz/corpus/ with tests/fuzz/scenario.dict.
#
#   tests/fuzz/run.sh [SECONDS] [extra libFuzzer flags...]
#
# The seed corpus is copied to a temporary directory, so the checked-in seeds never change; new inputs the
# fuzzer finds are left there (the path is printed). Crash / leak / timeout / OOM reproducers are written
# to build/fuzz/artifacts/. Exit status: 0 when the run ended without a finding, non-zero otherwise.
# Reproduce one finding with: build/fuzz/tests/fuzz/scenario_fuzz build/fuzz/artifacts/crash-...
# Known, already reported bugs can be skipped while hunting for others: SNN_FUZZ_KNOWN=json406 (see
# knownIssueSkipped in scenario_fuzz.cpp); by default nothing is skipped.
set -euo pipefail

SECONDS_TO_RUN="${1:-60}"
shift || true
if ! [[ "$SECONDS_TO_RUN" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 [SECONDS] [libFuzzer flags...]" >&2
  exit 2
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

cmake --preset fuzz
cmake --build --preset fuzz

FUZZER="$ROOT/build/fuzz/tests/fuzz/scenario_fuzz"
if [[ ! -x "$FUZZER" ]]; then
  echo "run.sh: $FUZZER was not built" >&2
  exit 1
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/snn-fuzz.XXXXXX")"
cp "$HERE"/corpus/* "$WORK"/
ARTIFACTS="$ROOT/build/fuzz/artifacts"
mkdir -p "$ARTIFACTS"

# The dictionary: JSON syntax from scenario.dict, and every name of the catalogue (from the native `snn`).
if [[ ! -x "$ROOT/build/native/snn" ]]; then
  cmake --preset native >/dev/null
  cmake --build --preset native --target snn
fi
cp "$HERE/scenario.dict" "$WORK.dict"
"$ROOT/build/native/snn" models --json | python3 -c '
import json, sys
c = json.load(sys.stdin)
names = set()
def fields(fs):
    for f in fs:
        names.add(f["name"])
        names.update(x for x in f.get("choices", []) if isinstance(x, str))
for m in c["models"]:
    names.update([m["name"], *m["aliases"], *m["states"]])
    fields(m["keywords"])
for g in c["generators"]:
    names.add(g["name"])
    fields(g["fields"])
for key in ("scenario", "linear", "uniform", "sweep"):
    fields(c[key])
for i, n in enumerate(sorted(names)):
    print(f"catalogue_{i}=\"\\\"{n}\\\"\"")
' >>"$WORK.dict"

echo "run.sh: fuzzing for ${SECONDS_TO_RUN}s; corpus in $WORK, findings go to $ARTIFACTS/"
# halt_on_error: the first UBSan report aborts, so libFuzzer saves the input. Leak checking stays on.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
"$FUZZER" "$WORK" \
  -max_total_time="$SECONDS_TO_RUN" \
  -max_len=4096 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -dict="$WORK.dict" \
  -artifact_prefix="$ARTIFACTS/" \
  -print_final_stats=1 \
  "$@" || status=$?

if [[ $status -ne 0 ]]; then
  echo "run.sh: the fuzzer found a problem (exit $status); reproducers:" >&2
  ls -1t "$ARTIFACTS" | head -5 | sed "s|^|  $ARTIFACTS/|" >&2
  exit "$status"
fi
echo "run.sh: no crash in ${SECONDS_TO_RUN}s ($(ls "$WORK" | wc -l) corpus entries in $WORK)"
