"""In Chromium: a shared link with county, drug type, years and language opens exactly that view."""
import pytest

from tests.e2e.test_browser import open_page

pytestmark = pytest.mark.e2e

LINK = "?city=431100&county=431126&drug=heroin&from=2015&to=2021&lang=en"
# _fullData: the arrays as plotted (gd.data keeps plotly.py's base64 form)
PLOTTED = """() => [...document.querySelectorAll('.js-plotly-plot')].map(
  gd => gd._fullData.map(t => ({x: Array.from(t.x || []).map(Number), y: Array.from(t.y || []).map(String)})))"""


def test_link_opens_routes_view_with_only_that_county(page, app_url):
    open_page(page, app_url, "routes", LINK)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Ningyuan County").first.wait_for(timeout=30_000)
    text = sidebar.inner_text()
    assert "Heroin" in text and "Years" in text and "2015" in text
    (traces,) = page.evaluate(PLOTTED)
    assert [t["x"] for t in traces] == [[3, 105]]  # yz-fig-059 and yz-fig-058, Ningyuan only
    assert all(" Ningyuan County · " in y.replace("<br>", " ") for y in traces[0]["y"])  # labels wrap to fit
    assert "Outflow drug trafficking" in page.locator(".js-plotly-plot").first.inner_text()
    assert page.requests.external == []


def test_link_overview_tiles_and_empty_explanation(page, app_url):
    open_page(page, app_url, "overview", LINK)
    page.locator(".kf-tile").first.wait_for(timeout=60_000)
    tiles = page.locator(".kf-tile").all_inner_texts()
    assert len(tiles) == 2 and all("Ningyuan County" in t for t in tiles)
    assert any("105 people" in t and "2015" in t for t in tiles)
    open_page(page, app_url, "seizures", LINK)
    page.get_by_text("No heroin records for Ningyuan County in 2015–2021.").wait_for(timeout=30_000)
    assert "lang=en" in page.url and "drug=heroin" in page.url and "from=2015" in page.url
