"""Load on replicas behind nginx: a province's working day (people who pause between changes) and, in the same
run, the stress test (sessions that rerun back to back).

`python -m bench.load --think 15 --sessions 100,300,600 --replicas 2 --minutes 3` starts a deployment per
replica count (geo/deploy/cluster.py, PostgreSQL with a copy of data/ unless --data-folder), warms its caches,
then measures, each in its own cell:
- one session back to back (the baseline of the ratio column: a rerun on an idle deployment);
- `--closed` sessions back to back for `--closed-seconds` (today's closed-loop figures, for comparison);
- for each N of `--sessions`: N people arriving at random over `--ramp` seconds, each changing the county, city,
  years or page (bench/load_client.py MIX) after an exponentially distributed pause of mean `--think` seconds,
  measured for `--minutes` once everyone has arrived.
The people of a cell are spread over `--clients` load-generator processes (default: one per 200 sessions), each
an asyncio loop; its CPU share is printed, so a saturated client is not taken for a slow server. Random choices
come from `--seed`. Prints a Markdown table and asserts nothing.
"""
from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import shutil
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from bench import profile as bench_profile
from bench.load_client import Window, run_client, specs_for
from geo import settings
from geo.deploy import cluster
from tests.e2e.conftest import free_port

WARM_SECONDS = 20.0  # one warm-up cell per deployment: the views people ask for most already cached
SETTLE_SECONDS = 5.0  # after the last arrival, before measuring: the last first pages are done
SESSIONS_PER_CLIENT = 200  # people per load-generator process unless --clients says otherwise


def rss_kb(pids: list[int]) -> int:
    """Resident memory of the replica processes, in kB."""
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used (threads included)."""
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(sum(int(v) for v in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13])
               for pid in pids) / ticks


def percentile(times: list[float], q: float) -> float:
    return times[min(len(times) - 1, int(q * len(times)))] if times else float("nan")


def sleep_until(wall: float) -> None:
    time.sleep(max(0.0, wall - time.time()))


def cell(url: str, pids: list[int], n: int, think: float, seconds: float, ramp: float, clients: int,
         seed: int, profile: Path | None = None) -> dict:
    """N people on the deployment: arrivals over `ramp`, then `seconds` measured. Server CPU and memory are read
    from /proc at the window's start and end; with `profile`, the first replica is sampled during the window."""
    clients = max(1, min(n, clients or math.ceil(n / SESSIONS_PER_CLIENT)))
    with ProcessPoolExecutor(clients, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(time.sleep, [0.0] * clients))  # the processes are up before the clock starts
        t0 = time.time() + 1.0
        window = Window(t0 + ramp + SETTLE_SECONDS + (0 if ramp else 5.0), 0.0, think)
        window.end = window.begin + seconds
        specs = specs_for(n, t0, ramp, seed)
        before = rss_kb(pids)
        futures = [pool.submit(run_client, url, specs[i::clients], window) for i in range(clients)]
        sleep_until(window.begin)
        opened, cpu = rss_kb(pids), cpu_seconds(pids)
        spy = bench_profile.record(pids[0], seconds, profile) if profile else None
        sleep_until(window.end)
        if spy:
            spy.wait()
        cpu = cpu_seconds(pids) - cpu
        peak, load = rss_kb(pids), os.getloadavg()[0]
        parts = [f.result() for f in futures]
    times = sorted(t for p in parts for t in p["times"])
    errors = [e for p in parts for e in p["errors"]]
    return {"n": n, "think": think, "reruns": len(times), "errors": len(errors), "first_error": (errors or [""])[0],
            "median": statistics.median(times) if times else float("nan"), "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99), "rate": len(times) / seconds,
            "first_p95": percentile(sorted(t for p in parts for t in p["first"]), 0.95),
            "mb_per_session": (opened - before) / n / 1024, "replica_mb": peak / len(pids) / 1024,
            "cpu_per_rerun": cpu / len(times) if times else float("nan"), "load": load, "clients": clients,
            "client_cpu": max(p["cpu"] / p["wall"] for p in parts) * 100}


def deployment(count: int, data: Path, database: bool):
    """Start `count` replicas behind nginx over `data` (in a throwaway PostgreSQL unless `database` is off)."""
    run_dir = Path(tempfile.mkdtemp(prefix="bench-load-", dir="/tmp"))
    run_dir.chmod(0o755)  # the local PostgreSQL runs as the postgres user and must reach its folder inside
    env = {"DASHBOARD_DATA_DIR": str(data), "DASHBOARD_USERS": str(run_dir / "no-users.toml"),
           "DASHBOARD_EXPORT_PREWARM": "0"}
    state = cluster.start(run_dir, count, free_port(), ports=[free_port() for _ in range(count)], env=env,
                          secret_file=run_dir / "cookie_secret", use_database=database)
    return run_dir, f"http://127.0.0.1:{state['port']}", [r["pid"] for r in state["replicas"]]


@contextmanager
def code_from(root: Path | None):
    """Replicas started inside run the app code of `root` (another checkout, the baseline), else of this one."""
    before = settings.ROOT
    settings.ROOT = root or before  # cluster.replica_command, spawn's cwd and PYTHONPATH read it
    try:
        yield
    finally:
        settings.ROOT = before


def run_replicas(count: int, args: argparse.Namespace, data: Path, root: Path | None = None) -> list[dict]:
    """One deployment: warm-up, the closed-loop baseline and comparison, then every open-loop cell."""
    with code_from(root):
        run_dir, url, pids = deployment(count, data, not args.data_folder)
    build = root.name if root else "this"
    try:
        def measure(n: int, think: float, seconds: float, ramp: float, profile: Path | None = None) -> dict:
            found = cell(url, pids, n, think, seconds, ramp, args.clients, args.seed, profile)
            return {"replicas": count, "build": build, **found}

        measure(4 * count, 0.0, WARM_SECONDS, 0.0)  # caches warm, as after a morning's use
        rows = [measure(1, 0.0, args.closed_seconds, 0.0)]
        rows += [measure(n, 0.0, args.closed_seconds, 0.0) for n in args.closed if n > 1]
        for n in args.sessions:
            spy = args.profile / f"r0-{build}-{count}-replicas-{n}-sessions.txt" if args.profile else None
            rows.append(measure(n, args.think, args.minutes * 60, args.ramp, spy))
            if spy and spy.exists():
                print(f"\nProfile of replica r0 ({build}, {count} replicas, {n} sessions), {spy}:\n"
                      f"{bench_profile.summary(spy)}\n", flush=True)
        return rows
    finally:
        cluster.stop(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)


def table(rows: list[dict]) -> str:
    """The Markdown table; today's columns first, in today's order, new ones after them."""
    lines = ["| replicas | sessions | reruns | median s | p95 s | median vs 1 session | errors | MB per session "
             "| MB per replica | server CPU s per rerun | machine load | think s | p99 s | reruns/s "
             "| first page p95 s | load generator CPU % (processes) | build |", "|---" * 17 + "|"]
    for r in rows:
        base = next(b["median"] for b in rows if b["replicas"] == r["replicas"] and b["n"] == 1
                    and b["build"] == r["build"])
        errors = f"{r['errors']}{' (' + r['first_error'] + ')' if r['errors'] else ''}"
        lines.append(f"| {r['replicas']} | {r['n']} | {r['reruns']} | {r['median']:.2f} | {r['p95']:.2f} | "
                     f"{r['median'] / base:.1f}× | {errors} | {r['mb_per_session']:.1f} | {r['replica_mb']:.0f} | "
                     f"{r['cpu_per_rerun']:.3f} | {r['load']:.1f} | {r['think'] or 'back to back'} | "
                     f"{r['p99']:.2f} | {r['rate']:.1f} | {r['first_p95']:.2f} | "
                     f"{r['client_cpu']:.0f} ({r['clients']}) | {r['build']} |")
    return "\n".join(lines)


def numbers(text: str, kind=int) -> list:
    return [kind(x) for x in text.split(",") if x]


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--think", type=float, default=15.0, help="mean pause between changes, seconds")
    parser.add_argument("--sessions", type=numbers, default=[100, 300, 600], help="people per open-loop cell")
    parser.add_argument("--minutes", type=float, default=3.0, help="measured time per open-loop cell")
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds over which the people arrive")
    parser.add_argument("--replicas", type=numbers, default=[2])
    parser.add_argument("--closed", type=numbers, default=[30], help="back-to-back sessions for comparison")
    parser.add_argument("--closed-seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=0, help="load-generator processes (0: one per 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=Path, help="folder: sample replica r0 with py-spy in each open cell")
    parser.add_argument("--baseline", type=Path, help="another checkout (git worktree add /tmp/base main): "
                        "its replicas are measured first, in the same run")
    parser.add_argument("--data-folder", action="store_true", help="replicas share the folder, no database")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(settings.DEFAULT_DATA_DIR, data, ignore=shutil.ignore_patterns("_extract", "notes"))
        rows = [row for count in args.replicas for root in ([args.baseline] if args.baseline else []) + [None]
                for row in run_replicas(count, args, data, root)]
    print(f"Through nginx, data in {'the shared folder' if args.data_folder else 'PostgreSQL'}, on "
          f"{os.cpu_count()} cores shared with the load generator, nginx and the database. Back to back: "
          f"{args.closed_seconds:.0f} s, every session open before measuring. Think {args.think:g} s: people "
          f"arrive over {args.ramp:.0f} s, each changes county, city, years or page after an exponential pause "
          f"(mean {args.think:g} s, seed {args.seed}), measured for {args.minutes:g} min after the last arrival.\n")
    print(table(rows))


if __name__ == "__main__":
    main()
