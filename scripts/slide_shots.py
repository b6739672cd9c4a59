"""Screenshots of every briefing slide in headless Chromium, at the given sizes and both languages.

Usage: python scripts/slide_shots.py [APP_URL] [OUT_DIR] [WxH ...]   (the app must be running)
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SIZES = [(1920, 1080), (1024, 768)]
SCROLL = "() => [document.documentElement.scrollHeight, document.querySelector('[data-testid=stMain]').scrollHeight]"


def counter(page) -> int:
    el = page.query_selector(".brief-counter")
    return int(el.get_attribute("data-slide")) if el else 0


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8501"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "screenshots")
    sizes = [tuple(map(int, s.split("x"))) for s in sys.argv[3:]] or SIZES
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for w, h in sizes:
            for lang in ("zh", "en"):
                ctx = browser.new_context(viewport={"width": w, "height": h})
                page = ctx.new_page()
                page.goto(f"{url}/briefing?mode=briefing" + ("&lang=en" if lang == "en" else ""))
                page.wait_for_selector(".brief-counter", timeout=60_000)
                page.keyboard.press("p")
                total = int(page.inner_text(".brief-counter").split("/")[1].split()[0])
                for number in range(1, total + 1):
                    while counter(page) != number:
                        page.keyboard.press("ArrowRight")
                        page.wait_for_function(f"() => document.querySelector('.brief-counter') &&"
                                               f" document.querySelector('.brief-counter').dataset.slide != "
                                               f"'{number - 1}'", timeout=60_000)
                    page.wait_for_timeout(2500)  # let Leaflet and plotly finish drawing for the picture
                    name = f"slide{number}_{lang}_{w}x{h}.png"
                    page.screenshot(path=str(out / name), full_page=False)
                    print(out / name, page.evaluate(SCROLL))
                ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
