"""Load on replicas behind nginx: N concurrent sessions, each changing the county filter in a loop.

`python -m bench.load [--seconds S] [--sessions 1,10,30,60] [--replicas 1,2]` starts a deployment per replica
count (geo/deploy/cluster.py, over a copy of data/), opens N WebSocket sessions through nginx that speak
Streamlit's own protocol (BackMsg rerun_script with the county multiselect's widget state, as the frontend
sends it; a rerun ends at ForwardMsg script_finished), and prints a Markdown table: median and p95 rerun time,
errors, reruns done, and server memory per session (replica RSS after the sessions opened minus before, over
N), and each replica's RSS after the cell. It asserts nothing. The ratio column compares each median with one
session on one replica.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2, WidgetStates_pb2

from geo import settings
from geo.deploy import cluster
from tests.e2e.conftest import free_port

RERUN_TIMEOUT = 60.0  # seconds; a rerun slower than this counts as an error
WARM_SECONDS = 15.0  # one warm-up cell per deployment: the views of most counties cached, as in real use
COUNTY_KEY = "-county"  # Streamlit widget ids end with the widget's key (geo/ui/sidebar.py KEY_COUNTY)
DONE = ForwardMsg_pb2.ForwardMsg.FINISHED_SUCCESSFULLY


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def rerun_msg(county_id: str | None, county: str | None, cached: set[str]) -> bytes:
    """A rerun of the default page with the county filter set (no filter on the first run), naming the large
    messages this client already holds, as the browser does (the server then sends a reference instead)."""
    msg = BackMsg_pb2.BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_script_hash = ""
    msg.rerun_script.cached_message_hashes.extend(sorted(cached))
    if county_id and county:
        state = WidgetStates_pb2.WidgetState(id=county_id)
        state.string_array_value.data.append(county)
        msg.rerun_script.widget_states.widgets.append(state)
    return msg.SerializeToString()


async def one_rerun(ws, payload: bytes, cached: set[str]) -> tuple[float, str | None, dict]:
    """Send a rerun and read until the script finished: (seconds, error or None, county multiselect seen)."""
    start = time.perf_counter()
    await ws.send(payload)
    county, error = {}, None
    while True:
        msg = ForwardMsg_pb2.ForwardMsg()
        msg.ParseFromString(await asyncio.wait_for(ws.recv(), RERUN_TIMEOUT))
        kind = msg.WhichOneof("type")
        if msg.metadata.cacheable:
            cached.add(msg.hash)
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                error = f"exception: {element.exception.message[:80]}"
            elif element.WhichOneof("type") == "multiselect" and element.multiselect.id.endswith(COUNTY_KEY):
                county = {"id": element.multiselect.id, "options": list(element.multiselect.options)}
        elif kind == "script_finished" and msg.script_finished != ForwardMsg_pb2.ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            if msg.script_finished != DONE:
                error = error or f"script finished with status {msg.script_finished}"
            return time.perf_counter() - start, error, county


async def session(url: str, seconds: float, offset: int, tally: Tally, opened: asyncio.Event,
                  ready: list[int]) -> None:
    """One browser's worth of reruns: a first run, then a new county each time until time is up."""
    host = url.split("//", 1)[1]
    try:
        async with websockets.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],
                                      origin=url, max_size=None, open_timeout=60,
                                      ping_interval=None) as ws:  # a browser sends no pings either
            cached: set[str] = set()
            _, error, county = await one_rerun(ws, rerun_msg(None, None, cached), cached)
            if error or not county:
                tally.errors.append(error or "no county filter on the page")
                return
            ready.append(1)
            await opened.wait()
            deadline, i = time.monotonic() + seconds, offset
            while time.monotonic() < deadline:
                i += 1
                choice = county["options"][i % len(county["options"])]
                took, error, _ = await one_rerun(ws, rerun_msg(county["id"], choice, cached), cached)
                if error:
                    tally.errors.append(error)
                else:
                    tally.times.append(took)
    except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as exc:
        tally.errors.append(f"{type(exc).__name__}: {exc}"[:100])


def rss_kb(pids: list[int]) -> int:
    """Resident memory of the replica processes, in kB."""
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the replica processes have used (threads included)."""
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(sum(int(v) for v in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13])
               for pid in pids) / ticks


async def cell(url: str, pids: list[int], n: int, seconds: float) -> dict:
    """N sessions at once: open them all (memory measured), then rerun for `seconds`."""
    tally, opened, ready = Tally(), asyncio.Event(), []
    before = rss_kb(pids)
    tasks = [asyncio.create_task(session(url, seconds, k, tally, opened, ready)) for k in range(n)]
    while len(ready) + len(tally.errors) < n:
        await asyncio.sleep(0.1)
    per_session = (rss_kb(pids) - before) / max(len(ready), 1) / 1024
    cpu = cpu_seconds(pids)
    opened.set()
    await asyncio.gather(*tasks)
    times = sorted(tally.times)
    cpu_per_rerun = (cpu_seconds(pids) - cpu) / len(times) if times else float("nan")
    return {"n": n, "reruns": len(times), "errors": len(tally.errors), "first_error": (tally.errors or [""])[0],
            "median": statistics.median(times) if times else float("nan"),
            "p95": times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan"),
            "mb_per_session": per_session, "replica_mb": rss_kb(pids) / len(pids) / 1024,
            "cpu_per_rerun": cpu_per_rerun, "load": os.getloadavg()[0]}


def run_replicas(count: int, sessions: list[int], seconds: float, data: Path, database: bool) -> list[dict]:
    """Start `count` replicas behind nginx over `data` (imported into a throwaway PostgreSQL unless `database` is
    off), warm their caches, measure every N."""
    run_dir = Path(tempfile.mkdtemp(prefix="bench-load-", dir="/tmp"))
    run_dir.chmod(0o755)  # the local PostgreSQL runs as the postgres user and must reach its folder inside
    env = {"DASHBOARD_DATA_DIR": str(data), "DASHBOARD_USERS": str(run_dir / "no-users.toml"),
           "DASHBOARD_EXPORT_PREWARM": "0"}
    state = cluster.start(run_dir, count, free_port(), ports=[free_port() for _ in range(count)], env=env,
                          secret_file=run_dir / "cookie_secret", use_database=database)
    try:
        url, pids = f"http://127.0.0.1:{state['port']}", [r["pid"] for r in state["replicas"]]
        asyncio.run(cell(url, pids, 2 * count, WARM_SECONDS))  # caches warm, as after a morning's use
        return [{"replicas": count, **asyncio.run(cell(url, pids, n, seconds))} for n in sessions]
    finally:
        cluster.stop(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)


def table(rows: list[dict]) -> str:
    """The Markdown table, with each median as a ratio to one session on one replica."""
    base = next((r["median"] for r in rows if r["replicas"] == 1 and r["n"] == 1), rows[0]["median"])
    lines = ["| replicas | sessions | reruns | median s | p95 s | median vs 1 session | errors | MB per session "
             "| MB per replica | server CPU s per rerun | machine load |", "|---" * 11 + "|"]
    for r in rows:
        lines.append(f"| {r['replicas']} | {r['n']} | {r['reruns']} | {r['median']:.2f} | {r['p95']:.2f} | "
                     f"{r['median'] / base:.1f}× | {r['errors']}{' (' + r['first_error'] + ')' if r['errors'] else ''}"
                     f" | {r['mb_per_session']:.1f} | {r['replica_mb']:.0f} | {r['cpu_per_rerun']:.2f}"
                     f" | {r['load']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="rerun loop per cell")
    parser.add_argument("--sessions", default="1,10,30,60")
    parser.add_argument("--replicas", default="1,2")
    parser.add_argument("--data-folder", action="store_true", help="replicas share the folder, no database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(settings.DEFAULT_DATA_DIR, data, ignore=shutil.ignore_patterns("_extract", "notes"))
        rows = [row for count in (int(c) for c in args.replicas.split(","))
                for row in run_replicas(count, [int(n) for n in args.sessions.split(",")], args.seconds, data,
                                        not args.data_folder)]
    print(f"Each session reruns the overview with a new county filter for {args.seconds:.0f} s, through nginx "
          f"(sessions spread round-robin over the replicas), data in "
          f"{'the shared folder' if args.data_folder else 'PostgreSQL'}.\n")
    print(table(rows))


if __name__ == "__main__":
    main()
