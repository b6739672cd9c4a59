"""What a step of a map's year stepper costs the browser: websocket bytes per step, by hand (◀ ▶: the whole page
follows the year) and while playing (the map alone follows until paused) on the seizures map, by hand on the other
map pages; whether the map frame and its view survive every step (no basemap rebuilt), and the time a step takes.
Target: a step ≤ 50 KB.

Run through `python -m bench.maps`; prints a Markdown table and asserts nothing.
"""
from __future__ import annotations

import statistics
import time

from bench.map_loads import DRAWN, Received, server
from tests.e2e.test_browser import IDLE  # the page is idle: no run in progress

TARGET = 50_000
FRAME = "document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]').contentWindow"
MARK = f"() => {{ {FRAME}.__stepMark = 1; const m = {FRAME}.map; m.setZoom(m.getZoom() + 1, {{animate: false}}); }}"
VIEW = (f"() => {{ const m = {FRAME}.map; "
        f"return [{FRAME}.__stepMark || 0, m.getZoom(), m.getCenter().lat.toFixed(4)]; }}")


def _year(page) -> str:
    return page.inner_text(".st-key-year_shown").strip()


def _wait_year(page, before: str) -> None:
    page.wait_for_function(f"() => document.querySelector('.st-key-year_shown')?.innerText.trim() !== {before!r}",
                           timeout=60_000, polling=20)
    page.wait_for_function(IDLE, timeout=60_000, polling=20)


def by_hand(page, got: Received, steps: int) -> list[tuple[float, int, bool]]:
    """(ms, bytes, view kept) per click on ▶."""
    out = []
    for _ in range(steps):
        view, before, year, start = page.evaluate(VIEW), got.bytes, _year(page), time.perf_counter()
        page.click(".st-key-year_next button")
        _wait_year(page, year)
        out.append(((time.perf_counter() - start) * 1000, got.bytes - before, page.evaluate(VIEW) == view))
    return out


def playing(page, got: Received, steps: int) -> list[tuple[float, int, bool]]:
    """(ms between years, bytes, view kept) per timed step while playing."""
    page.click(".st-key-year_play button")
    page.wait_for_selector(".st-key-year_pause button", timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000, polling=20)
    out = []
    for _ in range(steps):
        view, before, year, start = page.evaluate(VIEW), got.bytes, _year(page), time.perf_counter()
        _wait_year(page, year)
        out.append(((time.perf_counter() - start) * 1000, got.bytes - before, page.evaluate(VIEW) == view))
    page.click(".st-key-year_pause button")
    return out


def _open(browser, url: str, path: str):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    got = Received(page)
    page.goto(f"{url}/{path}")
    page.wait_for_selector(".st-key-year_next button", timeout=120_000)
    page.wait_for_function(DRAWN, timeout=120_000, polling=20)
    page.wait_for_function(IDLE, timeout=60_000)
    page.evaluate(MARK)  # a mark in the map's window and a zoom of our own: both must survive every step
    return page, got


def measure(browser, url: str, steps: int) -> dict[str, list[tuple[float, int, bool]]]:
    page, got = _open(browser, url, "seizures")
    result = {"seizures, by hand (◀ ▶, whole page)": by_hand(page, got, steps),
              "seizures, playing (map only)": playing(page, got, steps)}
    page.close()
    for path in OTHER_PAGES:
        page, got = _open(browser, url, path)
        result[f"{path or 'overview'}, by hand (◀ ▶, whole page)"] = by_hand(page, got, steps)
        page.close()
    return result


OTHER_PAGES = ["", "checkpoints", "routes", "demo_sites"]


def table(runs: int = 5) -> list[str]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p, server(inline=False) as url:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        results = measure(browser, url, runs)
        browser.close()
    rows = ["| year step, map page, Chromium 1920x1080 | steps | median KB | max KB | median ms | map frame and "
            "view kept | ≤ 50 KB |", "|---|---:|---:|---:|---:|---|---|"]
    for name, steps in results.items():
        sizes = [b for _, b, _ in steps]
        kept = all(k for _, _, k in steps)
        rows.append(f"| {name} | {len(steps)} | {statistics.median(sizes) / 1e3:,.1f} | {max(sizes) / 1e3:,.1f} | "
                    f"{statistics.median(ms for ms, _, _ in steps):,.0f} | {'yes' if kept else 'NO'} | "
                    f"{'yes' if max(sizes) <= TARGET else 'NO'} |")
    return rows
