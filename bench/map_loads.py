"""What a map costs the browser: bytes per map message, bytes per slide change and the time from
navigation until the map is drawn, with the boundaries fetched once from a static file against the same code
with the boundaries inside every map (DASHBOARD_MAP_INLINE_BOUNDARIES=1: today's payload), in one run.

Run through `python -m bench.maps`; prints Markdown tables and asserts nothing.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from geo import settings
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.maps import pages as page_maps

ROOT = Path(__file__).resolve().parents[1]
MAPS = {"overview": ("overview_map", ()), "checkpoints": ("checkpoints_map", ()), "routes": ("routes_map", ()),
        "seizures": ("seizures_map", ("symbols",)), "seizures (choropleth)": ("seizures_map", ("choropleth",)),
        "demo sites": ("demo_map", ("education_centre",))}
DESK = ["overview", "checkpoints", "routes", "seizures", "demo_sites"]
TARGETS = {"message": 100_000, "slide": 150_000, "appear_ms": 1000}
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Every visible map frame has its boundaries and has fitted its frame.
DRAWN = """() => {
  const frames = [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')]
    .filter(f => f.getBoundingClientRect().height > 0);
  if (!frames.length) return false;
  return frames.every(f => { try { const el = f.contentDocument.querySelector('#map_div');
    return el && el.getAttribute('data-basemap') === 'loaded' && el.getAttribute('data-fitted'); }
    catch (e) { return false; } });
}"""
# A slide is drawn when its maps are, or its chart on the compare slide, which has no map.
SLIDE_DRAWN = """() => document.querySelector('.brief-counter')?.dataset.kind === 'compare'
  ? !!document.querySelector('.js-plotly-plot .main-svg')
    && !document.querySelector('iframe[title="streamlit_folium.st_folium"]')
  : (""" + DRAWN + """)()"""


def message_bytes(ds: Dataset, builder: str, extra: tuple, inline: bool) -> int:
    """Bytes of what st_folium's component receives for one map, built with or without the boundaries."""
    from geo.ui.maps import component_args

    before = settings.MAP_INLINE_BOUNDARIES
    settings.MAP_INLINE_BOUNDARIES = inline
    try:
        return len(json.dumps(component_args(getattr(page_maps, builder)(ds, Filter(), "zh", *extra))).encode())
    finally:
        settings.MAP_INLINE_BOUNDARIES = before


def message_table(ds: Dataset) -> list[str]:
    rows = ["| map | message KB, static boundaries | message KB, boundaries inside (today) | reduction | "
            "≤ 100 KB |", "|---|---:|---:|---:|---|"]
    for name, (builder, extra) in MAPS.items():
        now, old = message_bytes(ds, builder, extra, False), message_bytes(ds, builder, extra, True)
        rows.append(f"| {name} | {now / 1e3:,.1f} | {old / 1e3:,.1f} | {old / now:.0f}x | "
                    f"{'yes' if now <= TARGETS['message'] else 'NO'} |")
    return rows


@contextmanager
def server(inline: bool):
    """An app server (as run_app.sh starts it) on a free port, with or without inline boundaries."""
    from tests.e2e.conftest import free_port, wait_until_up

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DASHBOARD_MAP_INLINE_BOUNDARIES": "1" if inline else "0",
           "DASHBOARD_BRIEFING_SECONDS": "600", "DASHBOARD_EXPORT_PREWARM": "0"}
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--server.port", str(port), "--server.headless",
                             "true"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://localhost:{port}", proc, timeout=300)
        yield f"http://localhost:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


class Received:
    """Bytes the page received over Streamlit's websocket."""

    def __init__(self, page):
        self.bytes = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload) -> None:
        self.bytes += len(payload if isinstance(payload, bytes) else payload.encode("utf-8"))


FRAME_MS = """() => Math.max(...[...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')]
  .filter(f => f.getBoundingClientRect().height > 0)
  .map(f => +f.contentDocument.querySelector('#map_div').getAttribute('data-drawn-ms')))"""


def navigation(browser, url: str, runs: int) -> dict[str, tuple[float, int, float]]:
    """Per desk page: median ms from a click in the sidebar until its map is drawn, websocket bytes then, and
    ms from the map frame's start until it is drawn. Server and browser are warm: every page was visited before."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    got = Received(page)
    page.goto(f"{url}/sources")
    page.wait_for_selector("h1", timeout=120_000)
    for path in DESK:  # warm up: every map built once on the server, boundaries in the browser's cache
        _click(page, path)
    out = {}
    for path in DESK:
        times, sizes, frames = [], [], []
        for _ in range(runs):
            _click(page, "sources")
            before, start = got.bytes, time.perf_counter()
            _click(page, path)
            times.append((time.perf_counter() - start) * 1000)
            sizes.append(got.bytes - before)
            frames.append(page.evaluate(FRAME_MS))
        out[path] = (statistics.median(times), int(statistics.median(sizes)), statistics.median(frames))
    page.close()
    return out


def _click(page, path: str) -> None:
    """Follow the sidebar link to a page; for a map page, wait until its map is drawn."""
    base = page.url.split("/", 3)[:3]
    href = "/".join(base) + ("/" if path == "overview" else f"/{path}")
    page.click(f'[data-testid="stSidebarNav"] a[href="{href}"]')
    page.wait_for_url(lambda u: u.split("?")[0] == href, timeout=60_000)
    if path != "sources":
        page.wait_for_function(DRAWN, timeout=120_000, polling=20)


def slide_changes(browser, url: str) -> list[tuple[float, int]]:
    """Per slide change (→ key, paused slideshow): ms until the new slide's maps are drawn, websocket bytes."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    got = Received(page)
    page.goto(f"{url}/briefing?mode=briefing")
    page.wait_for_selector(".brief-counter", timeout=120_000)
    page.wait_for_function(DRAWN, timeout=120_000)
    count = int(page.locator(".brief-counter").inner_text().split("/")[1].split("·")[0])
    out = []
    for number in range(2, count + 1):
        before, start = got.bytes, time.perf_counter()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => document.querySelector('.brief-counter')?.dataset.slide === '{number}'",
                               timeout=60_000, polling=20)
        page.wait_for_function(SLIDE_DRAWN, timeout=120_000, polling=20)
        out.append(((time.perf_counter() - start) * 1000, got.bytes - before))
    page.close()
    return out


def browser_table(runs: int) -> list[str]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for inline in (False, True):
            with server(inline) as url:
                results[inline] = (navigation(browser, url, runs), slide_changes(browser, url))
        browser.close()
    (nav, slides), (old_nav, old_slides) = results[False], results[True]
    rows = ["| Chromium 1920x1080, warm server | now ms | now KB | today ms | today KB | time ratio | bytes ratio "
            "| on target |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for path in DESK:
        (ms, size, frame_ms), (old_ms, old_size, old_frame_ms) = nav[path], old_nav[path]
        ok = ms <= TARGETS["appear_ms"]
        rows.append(f"| navigate to {path} | {ms:,.0f} | {size / 1e3:,.1f} | {old_ms:,.0f} | {old_size / 1e3:,.1f} "
                    f"| {old_ms / ms:.1f}x | {old_size / max(size, 1):.1f}x | {'yes' if ok else 'NO'} |")
        ok = frame_ms <= TARGETS["appear_ms"]
        rows.append(f"| … its map frame, start to drawn | {frame_ms:,.0f} | | {old_frame_ms:,.0f} | | "
                    f"{old_frame_ms / max(frame_ms, 1):.1f}x | | {'yes' if ok else 'NO'} |")
    for i, ((ms, size), (old_ms, old_size)) in enumerate(zip(slides, old_slides), start=2):
        ok = size <= TARGETS["slide"]
        rows.append(f"| slide change to {i} | {ms:,.0f} | {size / 1e3:,.1f} | {old_ms:,.0f} | {old_size / 1e3:,.1f} "
                    f"| {old_ms / ms:.1f}x | {old_size / max(size, 1):.1f}x | {'yes' if ok else 'NO'} |")
    return rows


def report(ds: Dataset, runs: int, browser: bool = True) -> None:
    print("\n".join(message_table(ds)))
    print(f"\nload average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if browser:
        print()
        print("\n".join(browser_table(runs)))
        print(f"\nnow = boundaries fetched once from static/boundaries; today = the same code with "
              f"DASHBOARD_MAP_INLINE_BOUNDARIES=1 (boundaries inside every map), same run. Navigation: click in the "
              f"sidebar until the map has its boundaries and fits its frame, median of {runs}, bytes received over "
              f"the websocket (the page's whole message, not only the map). Targets: map message ≤ "
              f"{TARGETS['message'] // 1000} KB, slide change ≤ {TARGETS['slide'] // 1000} KB, map drawn ≤ "
              f"{TARGETS['appear_ms']} ms after navigation.")
