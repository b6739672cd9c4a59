"""Rerun time per page after a filter change (AppTest, server side) and time until the page is fully drawn
in Chromium (a real server and browser), on the curated data and on the large generated dataset.

Usage: python -m bench.rerun [--no-browser] [--runs N]   (prints Markdown tables; nothing is asserted)
Baseline: the page's first, cold run in the same process (empty caches, data loaded and validated).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.synth import generate
from geo import settings

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"overview": "pages/overview.py", "enforcement": "pages/enforcement.py",
         "checkpoints": "pages/checkpoints.py", "routes": "pages/routes.py", "seizures": "pages/seizures.py",
         "demo_sites": "pages/demo_sites.py", "sources": "pages/sources.py"}
MAP_PAGES = {"overview", "checkpoints", "routes", "seizures", "demo_sites"}
# Filter changes a person makes in turn: each a new selection, so no rerun is served from its own earlier run.
CHANGES = [("city", ["430400"]), ("city", ["431100"]), ("drug", ["methamphetamine"]), ("city", ["410400"]),
           ("drug", []), ("city", ["421200"]), ("city", [])]
TARGET_MS = {"curated": 300, "large": 1000}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def app_rerun(page: str, runs: int) -> tuple[float, float, int]:
    """(cold first run ms, median rerun ms after a filter change, charts on the page) for one page."""
    st.cache_data.clear()  # cold: the page's first run loads and validates the data itself
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at.switch_page(page)
    cold = timed(at.run)
    assert not at.exception, at.exception
    times = []
    for key, value in (CHANGES * (1 + runs // len(CHANGES)))[:runs]:
        at.multiselect(key=key).set_value(value)
        times.append(timed(at.run))
        assert not at.exception, at.exception
    return cold, statistics.median(times), len(at.get("plotly_chart"))


DRAWN = """([charts, maps]) => {
  if (!document.querySelector('h1')) return false;
  if (document.querySelector('[data-testid="stStatusWidget"] [data-testid*="Running"]')) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const frames = [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')];
  if (plots.length < charts || frames.length < maps) return false;
  const drawn = f => { try { return !!f.contentDocument.querySelector('.leaflet-pane canvas'); }
                       catch (e) { return false; } };
  return plots.every(p => p.querySelector('.main-svg')) && frames.every(drawn);
}"""


def browser_times(data_dir: Path, charts: dict[str, int], runs: int) -> dict[str, tuple[float, float]]:
    """(first ms, median ms) from navigation until charts and maps are drawn and Streamlit is idle."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_until_up

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), settings.DATA_DIR_ENV: str(data_dir)}
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = {}
    try:
        wait_until_up(f"http://localhost:{port}", proc, timeout=300)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name in PAGES:
                url = f"http://localhost:{port}/{'' if name == 'overview' else name}"
                times = []
                for _ in range(runs + 1):
                    page = browser.new_page(viewport={"width": 1920, "height": 1080})
                    start = time.perf_counter()
                    page.goto(url)
                    page.wait_for_function(DRAWN, arg=[charts[name], int(name in MAP_PAGES)], timeout=300_000,
                                           polling=50)
                    times.append((time.perf_counter() - start) * 1000)
                    page.close()
                out[name] = (times[0], statistics.median(times[1:]))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return out


def run(label: str, data_dir: Path, runs: int, browser: bool) -> list[str]:
    os.environ[settings.DATA_DIR_ENV] = str(data_dir)
    server = {name: app_rerun(path, runs) for name, path in PAGES.items()}
    drawn = browser_times(data_dir, {n: s[2] for n, s in server.items()}, max(2, runs // 2)) if browser else {}
    rows = []
    for name, (cold, rerun, _charts) in server.items():
        first, median = drawn.get(name, (float("nan"), float("nan")))
        ok = "yes" if rerun < TARGET_MS[label] else "NO"
        rows.append(f"| {label} | {name} | {cold:,.0f} | {rerun:,.0f} | {cold / rerun:.1f}x | {ok} | "
                    f"{first:,.0f} | {median:,.0f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        large = generate(Path(tmp) / "large")
        for label, data_dir in (("curated", settings.DEFAULT_DATA_DIR), ("large", large)):
            lines += run(label, data_dir, args.runs, not args.no_browser)
    print("| data | page | cold first run ms | rerun after filter change ms (median) | speed-up vs cold | "
          "under target | browser first load ms | browser load ms (median) |")
    print("|---|---|---:|---:|---:|---|---:|---:|")
    print("\n".join(lines))
    print(f"\ntargets: rerun < {TARGET_MS['curated']} ms curated, < {TARGET_MS['large']} ms large. "
          f"Rerun = AppTest at.run() after one filter change ({len(CHANGES)} different changes in turn); "
          "browser = navigation until every chart and map is drawn and Streamlit is idle.")


if __name__ == "__main__":
    main()
