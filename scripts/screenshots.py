"""Screenshots of every page in headless Chromium at 1920x1080 and 1024x768, in normal and briefing mode.

Usage: python scripts/screenshots.py [APP_URL] [OUT_DIR]   (the app must be running)
       python scripts/screenshots.py --docs [APP_URL]     (the pictures of docs/, from the running app)

Each picture is taken once the page has finished running and its maps and charts are drawn, never after a fixed
wait.
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = ["", "enforcement", "compare", "timeline", "checkpoints", "routes", "seizures", "demo_sites", "sources",
         "briefing", "data"]
SIZES = [(1920, 1080), (1024, 768)]
MODES = {"normal": "", "briefing": "mode=briefing"}


# the pictures the docs show: file name, page, query, viewport
DOCS = [("overview.png", "", "", (1600, 1000)),
        ("briefing.png", "briefing", "mode=briefing", (1920, 1080)),
        ("routes.png", "routes", "", (1600, 1000)),
        ("compare.png", "compare", "", (1600, 1000))]
RUNNING = "[data-testid=\"stStatusWidget\"] [data-testid*=\"Running\"]"
MAP_FRAME = 'iframe[title*="streamlit_folium"]'
STEPPED = ("() => Array.from(document.querySelectorAll('iframe[title*=\"streamlit_folium\"]')).every(f => { "
           "try { const w = f.contentWindow; return !w.dashStep || !!w.document.querySelector('[data-step-places]'); }"
           " catch (e) { return false; } })")


def settle(page) -> None:
    """Wait until the script has finished and every map and chart on the page has drawn."""
    page.wait_for_selector("h1", timeout=60_000)
    # the run is over when Streamlit shows no running state and no placeholder skeleton is left
    page.wait_for_function(f"() => !document.querySelector('{RUNNING}') && "
                           "!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
    for i in range(page.locator(MAP_FRAME).count()):
        drawn = page.frame_locator(MAP_FRAME).nth(i).locator(".leaflet-pane canvas, .leaflet-pane svg")
        drawn.first.wait_for(timeout=60_000)
    # a map that steps through years has drawn once the year's layers reached it (data-step-places)
    page.wait_for_function(STEPPED, timeout=60_000)
    charts = page.locator(".js-plotly-plot")
    for i in range(charts.count()):
        charts.nth(i).locator(".main-svg").first.wait_for(timeout=60_000)
    page.evaluate("() => document.fonts.ready")


def docs(url: str) -> None:
    """Write the pictures of docs/ from the running app."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path, query, (w, h) in DOCS:
            ctx = browser.new_context(viewport={"width": w, "height": h})
            page = ctx.new_page()
            page.goto(f"{url}/{path}" + (f"?{query}" if query else ""))
            settle(page)
            page.screenshot(path=str(ROOT / "docs" / name), full_page=False)
            print(ROOT / "docs" / name)
            ctx.close()
        browser.close()


def main() -> None:
    if "--docs" in sys.argv:
        args = [a for a in sys.argv[1:] if a != "--docs"]
        docs(args[0] if args else "http://localhost:8501")
        return
    url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8501"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for w, h in SIZES:
            for mode, query in MODES.items():
                for lang in ("zh", "en"):
                    ctx = browser.new_context(viewport={"width": w, "height": h})
                    page = ctx.new_page()
                    for path in PAGES:
                        q = "&".join(x for x in (query, "" if lang == "zh" else "lang=en") if x)
                        page.goto(f"{url}/{path}" + (f"?{q}" if q else ""))
                        settle(page)
                        name = f"{path or 'overview'}_{mode}_{lang}_{w}x{h}.png"
                        page.screenshot(path=str(out / name), full_page=False)
                        print(out / name)
                    ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
