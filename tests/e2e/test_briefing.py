"""Briefing mode in Chromium: chrome hidden, slides on keys and timer without reloading, axe-core checks."""
import pytest

from tests.e2e.conftest import ROOT, serve
from tests.e2e.test_browser import poll

pytestmark = pytest.mark.e2e

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SECONDS = 4  # a short timer so the test sees the slideshow advance by itself
# What a projector audience needs: readable contrast, and every control and frame named.
AXE_RULES = ["color-contrast", "label", "button-name", "select-name", "input-button-name", "aria-input-field-name",
             "aria-toggle-field-name", "frame-title", "link-name", "image-alt"]


@pytest.fixture(scope="module")
def briefing_url():
    with serve({"DASHBOARD_BRIEFING_SECONDS": str(SECONDS)}) as url:
        yield url


def slide(page) -> tuple[int, int]:
    """(slide number, paused) as the counter shows them; (0, 0) before it is drawn."""
    el = page.query_selector(".brief-counter")
    return (int(el.get_attribute("data-slide")), int(el.get_attribute("data-paused"))) if el else (0, 0)


def open_slides(page, url: str, query: str = "mode=briefing"):
    page.goto(f"{url}/briefing?{query}")
    page.wait_for_selector(".brief-counter", timeout=60_000)
    page.wait_for_function("window.__briefingKeys === true", timeout=60_000)  # the keys' listener is in place
    return page


def test_briefing_mode_hides_sidebar_and_chrome_and_offers_a_way_out(page, briefing_url):
    page.goto(f"{briefing_url}/?mode=briefing")
    page.wait_for_selector(".st-key-briefing_exit button", timeout=60_000)
    # the exit button can be drawn a moment before the briefing style is applied: wait for the style, then assert
    page.wait_for_function("parseFloat(getComputedStyle(document.documentElement).fontSize) >= 24", timeout=30_000)
    assert not page.is_visible('[data-testid="stSidebar"]')
    assert not page.is_visible('[data-testid="stHeader"]') and not page.is_visible('[data-testid="stToolbar"]')
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= 24
    page.keyboard.press("Escape")
    page.wait_for_selector('[data-testid="stSidebar"]', state="visible", timeout=30_000)
    assert "mode=briefing" not in page.url
    assert page.requests.external == []


def test_keys_change_slides_without_reloading_the_page(page, briefing_url):
    open_slides(page, briefing_url)
    page.evaluate("window.__sameDocument = true")
    page.keyboard.press("p")  # pause first, so only the keys move the slides
    assert poll(lambda: slide(page) == (1, 1), page, 30)
    page.keyboard.press("ArrowRight")
    assert poll(lambda: slide(page) == (2, 1), page, 30)
    page.keyboard.press("PageDown")
    assert poll(lambda: slide(page) == (3, 1), page, 30)
    page.keyboard.press("ArrowLeft")
    assert poll(lambda: slide(page) == (2, 1), page, 30)
    assert page.evaluate("window.__sameDocument === true")  # no page load happened in between
    assert page.requests.external == []


def test_timer_advances_unless_paused(page, briefing_url):
    open_slides(page, briefing_url)
    assert poll(lambda: slide(page)[0] >= 2, page, 4 * SECONDS)
    page.keyboard.press("k")
    assert poll(lambda: slide(page)[1] == 1, page, 30)
    held = slide(page)[0]
    page.wait_for_timeout(int(2.5 * SECONDS * 1000))  # two timer periods pass while paused
    assert slide(page)[0] == held


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
@pytest.mark.parametrize("path", ["briefing", ""])
def test_axe_finds_no_contrast_or_label_violations(browser, briefing_url, size, path):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{briefing_url}/{path}?mode=briefing")
        page.wait_for_selector(".st-key-briefing_exit button", timeout=60_000)
        page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60_000)
        page.wait_for_timeout(1500)  # let the tiles and the map frame settle before auditing
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", AXE_RULES)
        violations = [(v["id"], [n["html"][:120] for n in v["nodes"]][:3]) for v in result["violations"]]
        assert violations == []
        assert {p["id"] for p in result["passes"]} >= {"color-contrast", "button-name"}
    finally:
        context.close()
