"""Screenshots of every page in headless Chromium at 1920x1080 and 1024x768, in normal and briefing mode.

Usage: python scripts/screenshots.py [APP_URL] [OUT_DIR]   (the app must be running)
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = ["", "enforcement", "checkpoints", "routes", "seizures", "demo_sites", "compare", "sources", "briefing", "data"]
SIZES = [(1920, 1080), (1024, 768)]
MODES = {"normal": "", "briefing": "mode=briefing"}


def main() -> None:
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
                        page.wait_for_selector("h1", timeout=60_000)
                        page.wait_for_timeout(2500)  # let Leaflet and plotly finish drawing for the picture
                        name = f"{path or 'overview'}_{mode}_{lang}_{w}x{h}.png"
                        page.screenshot(path=str(out / name), full_page=False)
                        print(out / name)
                    ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
