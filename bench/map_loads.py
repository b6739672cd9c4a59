"""What the screens cost the browser: bytes per map message; in Chromium the first page of a freshly started
server, the time from a click in the sidebar until the desk map is drawn, and every slide change, for this build
against a baseline in the same run: another checkout (--baseline, e.g. main in a temporary worktree), or else the
same code with the boundaries inside every map (DASHBOARD_MAP_INLINE_BOUNDARIES=1).

Run through `python -m bench.maps`; prints Markdown tables and asserts nothing.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
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
TARGETS = {"message": 100_000, "slide_ms": 800, "desk_ms": 600, "first_ms": 1500}
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
def server(inline: bool, root: Path = ROOT):
    """An app server (as run_app.sh starts it) on a free port, with or without inline boundaries, running the code
    of `root` (this checkout, or the baseline's)."""
    from tests.e2e.conftest import free_port, wait_until_up

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(root), "DASHBOARD_MAP_INLINE_BOUNDARIES": "1" if inline else "0",
           "DASHBOARD_BRIEFING_SECONDS": "600", "DASHBOARD_EXPORT_PREWARM": "0", "DASHBOARD_WARM_FIRST_PAGE": "1",
           settings.DATA_DIR_ENV: str(settings.DEFAULT_DATA_DIR)}  # both builds read the same data
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--server.port", str(port), "--server.headless",
                             "true"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://localhost:{port}", proc, timeout=300)
        yield f"http://localhost:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def first_page(browser, url: str) -> float:
    """ms from opening the address of a server that has just come up until its first page's map is drawn."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DRAWN, timeout=120_000, polling=20)
    took = (time.perf_counter() - start) * 1000
    page.close()
    return took


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


def slide_changes(browser, url: str, runs: int) -> list[tuple[float, int, str]]:
    """Per slide change (→ key, paused slideshow): median ms until the new slide's maps are drawn, websocket bytes,
    the slide's kind. Measured from the second time through the deck on, `runs` times, each in a new session: a
    warm server has shown the briefing before (its slides' charts and maps are built), as the desk pages were
    visited before navigation."""
    passes = []
    for _ in range(runs + 1):
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        got = Received(page)
        page.goto(f"{url}/briefing?mode=briefing")
        page.wait_for_selector(".brief-counter", timeout=120_000)
        page.wait_for_function(DRAWN, timeout=120_000)
        count = int(page.locator(".brief-counter").inner_text().split("/")[1].split("·")[0])
        passes.append([_next_slide(page, got, number) for number in range(2, count + 1)])
        page.close()
    return [(statistics.median(p[i][0] for p in passes[1:]), passes[-1][i][1], passes[-1][i][2])
            for i in range(len(passes[-1]))]


def _next_slide(page, got: Received, number: int) -> tuple[float, int, str]:
    before, start = got.bytes, time.perf_counter()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => document.querySelector('.brief-counter')?.dataset.slide === '{number}'",
                           timeout=60_000, polling=20)
    page.wait_for_function(SLIDE_DRAWN, timeout=120_000, polling=20)
    kind = page.locator(".brief-counter").get_attribute("data-kind") or ""
    return (time.perf_counter() - start) * 1000, got.bytes - before, kind


def measure(browser, builds: list[tuple[bool, Path]], runs: int) -> list[tuple]:
    """Per build: the first page of its freshly started server; then, with every server up, desk navigation and
    slide changes in rounds that take the builds in turn, so that the machine's load (shared) falls on each alike.
    Returns (first page ms, navigation, slide changes) per build, medians over the rounds."""
    with ExitStack() as stack:
        urls, firsts = [], []
        for inline, root in builds:
            urls.append(stack.enter_context(server(inline, root)))
            firsts.append(first_page(browser, urls[-1]))
        rounds: list[list[tuple]] = [[] for _ in builds]
        for _ in range(runs):
            for i, url in enumerate(urls):
                rounds[i].append((navigation(browser, url, 1), slide_changes(browser, url, 1)))
    return [(first, _median_nav(done), _median_slides(done)) for first, done in zip(firsts, rounds)]


def _median_nav(done: list[tuple]) -> dict[str, tuple[float, int, float]]:
    return {path: tuple(statistics.median(nav[path][k] for nav, _ in done) for k in range(3)) for path in DESK}


def _median_slides(done: list[tuple]) -> list[tuple[float, int, str]]:
    return [(statistics.median(slides[i][0] for _, slides in done), done[-1][1][i][1], done[-1][1][i][2])
            for i in range(len(done[-1][1]))]


def _row(what: str, now: tuple[float, float | None], old: tuple[float, float | None], target: float) -> str:
    (ms, size), (old_ms, old_size) = now, old
    kb = lambda b: "" if b is None else f"{b / 1e3:,.1f}"  # noqa: E731
    return (f"| {what} | {ms:,.0f} | {kb(size)} | {old_ms:,.0f} | {kb(old_size)} | {old_ms / max(ms, 1):.1f}x | "
            f"{target:,.0f} | {'yes' if ms <= target else 'NO'} |")


def browser_table(runs: int, baseline: Path | None = None) -> list[str]:
    """This build against the baseline checkout (or, without one, against inline boundaries), same run."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        old, now = measure(browser, [(baseline is None, baseline or ROOT), (False, ROOT)], runs)
        browser.close()
    (first, nav, slides), (old_first, old_nav, old_slides) = now, old
    rows = ["| Chromium 1920x1080 | now ms | now KB | base ms | base KB | time ratio | target ms | on target |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
            _row("first page of a freshly started server", (first, None), (old_first, None), TARGETS["first_ms"])]
    for path in DESK:
        (ms, size, frame_ms), (old_ms, old_size, old_frame_ms) = nav[path], old_nav[path]
        rows.append(_row(f"navigate to {path}, map drawn (warm)", (ms, size), (old_ms, old_size), TARGETS["desk_ms"]))
        rows.append(_row("… its map frame, start to drawn", (frame_ms, None), (old_frame_ms, None),
                         TARGETS["desk_ms"]))
    for i, (now_slide, old_slide) in enumerate(zip(slides, old_slides), start=2):
        rows.append(_row(f"slide change to {i} ({now_slide[2]})", now_slide[:2], old_slide[:2],
                         TARGETS["slide_ms"]))
    return rows


def report(ds: Dataset, runs: int, browser: bool = True, baseline: Path | None = None) -> None:
    print("\n".join(message_table(ds)))
    if browser:
        print()
        print("\n".join(browser_table(runs, baseline)))
        base = (f"base = the checkout in {baseline} (e.g. `git worktree add --detach /tmp/base main`)" if baseline
                else "base = the same code with DASHBOARD_MAP_INLINE_BOUNDARIES=1 (boundaries inside every map)")
        print(f"\nnow = this checkout; {base}; both measured in this run, in rounds taking the builds in turn. "
              f"First page: a server that has just answered its health check, opened once, until the map is drawn. "
              f"Navigation: click in the sidebar until the map has its boundaries and fits its frame (every page "
              f"visited once before), median of {runs} rounds. Slide change: → until the new slide's maps (or the "
              f"compare chart) are drawn, in a second time through the deck, median of {runs} rounds. KB = bytes "
              f"received over the websocket. Targets: map message ≤ "
              f"{TARGETS['message'] // 1000} KB, first page ≤ {TARGETS['first_ms']} ms, desk map ≤ "
              f"{TARGETS['desk_ms']} ms, slide change ≤ {TARGETS['slide_ms']} ms.")
    print(f"\nload average after measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a shared machine: "
          f"compare the columns of one run, not runs with each other)")
