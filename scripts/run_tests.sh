#!/usr/bin/env bash
# Set up (if needed), run the static checks, validate the curated data and run the whole test suite (unit,
# AppTest, Chromium). Pass pytest options through, e.g. `bash scripts/run_tests.sh -m "not e2e"` for the quick suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/lint.sh
.venv/bin/python -m geo.validate
exec .venv/bin/python -m pytest "$@"
