"""The timeline page in Chromium at 1920x1080 and 1024x768, in Chinese and English: no chart label overlaps another
or leaves the chart, no serious axe violation; and a year step on the seizures, checkpoints and demonstration maps
keeps the map's frame and view while the year's layers change."""
import pytest

from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import load_dataset
from geo.exports import static_maps
from geo.maps import steps

from tests.e2e.test_browser import IDLE, open_page
from tests.e2e.test_screens import cut, overlaps, visit

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.mark.parametrize("width, height", [(1920, 1080), (1024, 768)])
def test_timeline_labels_never_overlap_and_axe_is_clean(browser, app_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    try:
        for query, words in (("", ("时间线：破获毒品案件", "未报告此项", "今年以来")),
                             ("?lang=en", ("Timeline: Drug cases solved", "not reported", "so far this year"))):
            seen = visit(page, f"{app_url}/timeline{query}", charts=True)
            labels = " ".join(b["text"] for chart in seen["charts"] for b in chart["boxes"])
            assert all(w in labels or w in seen["text"] for w in words), words
            assert seen["axe"] == []
            assert [overlaps(c) for c in seen["charts"] if overlaps(c)] == []
            assert [cut(c) for c in seen["charts"] if cut(c)] == []
    finally:
        context.close()


MAP = "document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]').contentWindow"


def test_a_year_step_keeps_the_map_and_its_view(page, app_url):
    open_page(page, app_url, "seizures")
    page.wait_for_selector(".st-key-year_next button", timeout=60_000)
    page.wait_for_function(f"() => {{ try {{ return !!{MAP}.map; }} catch (e) {{ return false; }} }}", timeout=60_000)
    page.evaluate(f"() => {{ {MAP}.__mark = 1; {MAP}.map.setZoom({MAP}.map.getZoom() + 1, {{animate: false}}); }}")
    zoom = page.evaluate(f"() => {MAP}.map.getZoom()")
    for year in ("2011年", "2012年"):
        page.click(".st-key-year_next button")
        page.wait_for_function(f"() => document.querySelector('.st-key-year_shown')?.innerText.trim() === '{year}'",
                               timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)
    assert page.evaluate(f"() => [{MAP}.__mark, {MAP}.map.getZoom()]") == [1, zoom]  # same map, same view
    # the year's circles reached the map: one per place with a seizure in kg whose period overlaps 2012
    places = len(steps.step_calls(load_dataset(), Filter(years=(2012, 2012)), "zh", "seizures")[0][1])
    page.wait_for_function(f"() => {MAP}.document.querySelector('#map_div').dataset.stepPlaces === '{places}'",
                           timeout=30_000)
    assert "条未注明时期，不显示" in page.inner_text("body")


@pytest.mark.parametrize("path, page_map, extra", [("checkpoints", "checkpoints", ()), ("routes", "routes", ()),
                                                   ("demo_sites", "demo", ("default",)),
                                                   ("seizures", "seizures_choropleth", ())])
def test_other_map_pages_step_on_one_map(page, app_url, path, page_map, extra):
    open_page(page, app_url, path)
    if page_map == "seizures_choropleth":
        page.locator(".st-key-seizure_map_style").get_by_text("分级设色").click()
        # the symbols map's frame is replaced by the choropleth's, the one that shades places
        page.wait_for_function(f"() => {{ try {{ return !!{MAP}.map.dashUnder.shading; }} catch (e) {{ return false; }} }}",
                               timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_selector(".st-key-year_prev button", timeout=60_000)
    page.wait_for_function(f"() => {{ try {{ return !!{MAP}.map; }} catch (e) {{ return false; }} }}", timeout=60_000)
    page.evaluate(f"() => {{ {MAP}.__mark = 1; }}")
    ds = load_dataset()
    span = filters.year_span(ds)
    assert span
    if extra:  # the category the page opens on
        extra = (static_maps.demo_categories(ds["demo_sites"])[0],)
    for year in (span[1], span[1] - 1):  # ◀ from every year goes to the last year, then the one before
        page.click(".st-key-year_prev button")
        page.wait_for_function(f"() => document.querySelector('.st-key-year_shown')?.innerText.trim() === "
                               f"'{year}年'", timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)
        calls = steps.step_calls(ds, Filter(years=(year, year)), "zh", page_map, *extra)
        places = len(calls[0][1])
        page.wait_for_function(f"() => {{ try {{ return {MAP}.document.querySelector('#map_div').dataset.stepPlaces "
                               f"=== '{places}'; }} catch (e) {{ return false; }} }}", timeout=30_000)
    assert page.evaluate(f"() => {MAP}.__mark") == 1  # the same map frame all along
    assert "条未注明时期，不显示" in page.inner_text("body")
