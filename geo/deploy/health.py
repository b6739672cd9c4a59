"""Active health checks for nginx (open-source nginx only checks passively): `python -m geo.deploy.health DIR`.

Every CLUSTER_HEALTH_SECONDS it asks each replica of the run directory for /_stcore/health. After
CLUSTER_HEALTH_FAILS failures in a row a replica is written `down` in upstreams.conf and nginx is told to reload
(SIGHUP), so no new page or WebSocket goes to it; the first good answer puts it back. Replicas are never all
taken out: with none left, nginx's own passive check still gets a chance. Changes go to health.json and its log.
"""
from __future__ import annotations

import json
import os
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from geo import settings
from geo.deploy import cluster, nginx


def next_down(fails: dict[str, int], names: list[str]) -> frozenset[str]:
    """Replicas to take out of rotation given their failures in a row; never all of them."""
    down = frozenset(n for n in names if fails.get(n, 0) >= settings.CLUSTER_HEALTH_FAILS)
    return down if len(down) < len(names) else frozenset()


def apply(run_dir: Path, replicas: list[nginx.Replica], down: frozenset[str], nginx_pid: int) -> None:
    """Rewrite the upstreams with `down` marked and make nginx reload them."""
    tmp = run_dir / "upstreams.conf.tmp"
    tmp.write_text(nginx.upstreams(replicas, down), encoding="utf-8")
    tmp.replace(run_dir / "upstreams.conf")
    os.kill(nginx_pid, signal.SIGHUP)
    record = {"time": datetime.now(UTC).isoformat(timespec="seconds"), "down": sorted(down)}
    (run_dir / "health.json").write_text(json.dumps(record), encoding="utf-8")
    print(json.dumps(record), flush=True)


def run(run_dir: Path) -> None:
    """Poll for as long as the deployment's state file names an nginx that runs."""
    state = cluster.read_state(run_dir)
    replicas = [nginx.Replica(r["name"], r["port"]) for r in state["replicas"]]
    fails: dict[str, int] = {}
    down: frozenset[str] = frozenset()
    while cluster.alive(state["nginx"]):
        for r in replicas:
            fails[r.name] = 0 if cluster.healthy(r.port, settings.CLUSTER_HEALTH_TIMEOUT) else fails.get(r.name, 0) + 1
        wanted = next_down(fails, [r.name for r in replicas])
        if wanted != down:
            apply(run_dir, replicas, wanted, state["nginx"]["pid"])
            down = wanted
        time.sleep(settings.CLUSTER_HEALTH_SECONDS)


if __name__ == "__main__":
    run(Path(sys.argv[1]))
