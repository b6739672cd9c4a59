#!/usr/bin/env bash
# The static checks CI runs before the tests (and `make lint`): each must pass with no finding.
set -euo pipefail
cd "$(dirname "$0")/.."
# Style and likely bugs, over the whole tree (rules: [tool.ruff] in pyproject.toml)
.venv/bin/ruff check .
# Types of the app's code (files and library gaps: [tool.mypy] in pyproject.toml)
.venv/bin/mypy
# Static security checks: no medium or high finding in the app's code (ignore list: [tool.bandit] in pyproject.toml)
.venv/bin/bandit -q -c pyproject.toml -r geo pages dashboard.py scripts --severity-level medium
