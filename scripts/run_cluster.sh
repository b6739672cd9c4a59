#!/usr/bin/env bash
# Several app replicas behind nginx at http://localhost:8080 (README, "Several replicas behind one address").
#   scripts/run_cluster.sh [--replicas N] [--port P] [--listen ADDR] [--dir RUN_DIR]   start
#   scripts/run_cluster.sh --stop [--dir RUN_DIR]                                        end what it started
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " != *" --stop "* ]]; then
    bash scripts/setup.sh
fi
exec .venv/bin/python -m geo.deploy.cluster "$@"
