#!/usr/bin/env bash
# Set up (if needed) and start the dashboard at http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python scripts/serve.py --server.port "${PORT:-8501}" "$@"
