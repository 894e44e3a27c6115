#!/usr/bin/env bash
# Set up (if needed), install Debian's chromium (and npm, for axe-core) for the browser
# tests, and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# axe-core for tests/test_accessibility.py, from the npm registry (never a browser download).
export BRIEFING_AXE_DIR=${BRIEFING_AXE_DIR:-$HOME/.cache/briefing-axe}
if [ ! -f "$BRIEFING_AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
    npm install --silent --no-audit --no-fund --prefix "$BRIEFING_AXE_DIR" axe-core@4.14
fi
.venv/bin/python -m pytest "$@"
