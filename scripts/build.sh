#!/usr/bin/env bash
# Set up (if needed) and build the briefing from seeds/: docs/, site/, offline/, the zip.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/briefing build "$@"
