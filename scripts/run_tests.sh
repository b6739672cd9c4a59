#!/usr/bin/env bash
# Set up (if needed), validate the curated data and run the whole test suite (unit, AppTest, Chromium).
# Pass pytest options through, e.g. `bash scripts/run_tests.sh -m "not e2e"` for the quick suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m geo.validate
# Static security checks: no medium or high finding in the app's code (ignore list: [tool.bandit] in pyproject.toml)
.venv/bin/bandit -q -c pyproject.toml -r geo pages dashboard.py scripts --severity-level medium
exec .venv/bin/python -m pytest "$@"
