#!/usr/bin/env bash
# Installs the Debian packages this project needs, and nothing when they are all present.
# Usage: scripts/ensure-deps.sh [group...]   groups: native (default), fuzz, wasm, node (npm packages), browser,
#        reference (Debian's PyTorch, to run the real snnTorch in tests/reference)
set -euo pipefail

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(native)

want=()
for g in "${groups[@]}"; do
  case "$g" in
    native) want+=(cmake ninja-build g++ ccache libeigen3-dev catch2 nlohmann-json3-dev python3) ;;
    fuzz) want+=(clang libclang-rt-14-dev) ;;
    wasm) want+=(emscripten libeigen3-dev nlohmann-json3-dev cmake ninja-build ccache) ;;
    node) node_packages=1 ;;
    browser) want+=(chromium) ;;
    reference) want+=(python3 python3-torch python3-numpy) ;;
    *) echo "ensure-deps: unknown group '$g'" >&2; exit 2 ;;
  esac
done

# npm packages (esbuild, typescript, ...) come from package-lock.json.
if [ "${node_packages:-0}" = 1 ]; then
  cd "$(dirname "$0")/.."
  if [ ! -x node_modules/.bin/esbuild ] || [ ! -x node_modules/.bin/tsc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "ensure-deps: installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
  fi
fi

missing=()
for p in "${want[@]:-}"; do
  [ -n "$p" ] || continue
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "ensure-deps: installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "ensure-deps: not root and no sudo; please run: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "ensure-deps: installed ${missing[*]}"
