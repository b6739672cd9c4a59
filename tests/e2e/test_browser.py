"""Every page in real headless Chromium: map drawn, charts drawn, Chinese shown, nothing leaves the machine."""
import pytest

pytestmark = pytest.mark.e2e

PAGES = ["overview", "checkpoints", "routes", "seizures", "demo_sites", "sources"]
MAP_PAGES = ["overview", "checkpoints", "routes", "seizures", "demo_sites"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# Counts drawn pixels on the Leaflet canvas; a blank map has none.
PAINTED = """() => {
  const cs = [...document.querySelectorAll('.leaflet-pane canvas')];
  let n = 0;
  for (const c of cs) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4 * 16) if (d[i] > 0) n++;
  }
  return n;
}"""


IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"] [data-testid*=\"Running\"]')"


def open_page(page, app_url: str, path: str, query: str = ""):
    page.goto(f"{app_url}/{'' if path == 'overview' else path}{query}")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    return page


def poll(condition, page, seconds: float) -> bool:
    """Check a condition every 200 ms until it holds or time runs out."""
    for _ in range(int(seconds * 5)):
        if condition():
            return True
        page.wait_for_timeout(200)
    return condition()


def map_frame(page):
    """The st_folium component's frame, once Leaflet has drawn into it."""
    page.wait_for_selector(MAP_FRAME, timeout=60_000)
    poll(lambda: page.locator(MAP_FRAME).count() == 1, page, 30)  # a rerun shows the old frame by the new a moment
    page.frame_locator(MAP_FRAME).first.locator(".leaflet-pane canvas").first.wait_for(timeout=60_000)
    return next(f for f in page.frames if "streamlit_folium" in (f.url or ""))


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_without_error_and_offline(page, app_url, path):
    open_page(page, app_url, path)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "禁毒" in page.content() or page.locator("h1").first.inner_text()
    assert page.requests.external == []


@pytest.mark.parametrize("path", MAP_PAGES)
def test_map_is_drawn_from_local_assets(page, app_url, path):
    open_page(page, app_url, path)
    frame = map_frame(page)
    frame.wait_for_function(f"({PAINTED})() > 200", timeout=60_000)
    assert frame.evaluate("() => typeof L !== 'undefined' && L.version") == "1.9.4"
    assert page.requests.external == []


def test_routes_show_direction_markers(page, app_url):
    open_page(page, app_url, "routes")
    frame = map_frame(page)
    frame.wait_for_function("() => typeof L !== 'undefined' && typeof L.polylineDecorator === 'function'",
                            timeout=60_000)
    assert frame.evaluate("() => typeof L.Symbol.arrowHead") == "function"


def test_seizure_charts_are_drawn(page, app_url):
    open_page(page, app_url, "seizures")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert page.locator(".js-plotly-plot").count() >= 2
    assert page.requests.external == []


def test_link_with_county_and_language_opens_that_view(page, app_url):
    open_page(page, app_url, "sources", "?city=430400&county=430421&lang=en")
    page.locator('[data-testid="stSidebar"]').get_by_text("Hengyang County").first.wait_for(timeout=30_000)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Hengyang County" in sidebar and "Filter" in sidebar
    page.get_by_text("Checkpoints").first.click()
    assert poll(lambda: "/checkpoints" in page.url and "county=430421" in page.url, page, seconds=30)
    assert "lang=en" in page.url


def container_point(frame, lat: float, lon: float) -> dict:
    return frame.evaluate(f"() => map_div.latLngToContainerPoint([{lat}, {lon}])")


def test_clicking_a_county_selects_it(page, app_url):
    from geo.data.load import load_dataset

    county = load_dataset()["jurisdictions"].set_index("adcode").loc["421223"]  # 崇阳县, Xianning
    open_page(page, app_url, "checkpoints", "?city=421200")
    frame = map_frame(page)
    frame.wait_for_function(f"({PAINTED})() > 200", timeout=60_000)  # outlines drawn: click handlers are live
    box = page.query_selector(MAP_FRAME).bounding_box()
    pt = container_point(frame, float(county["lat"]), float(county["lon"]))
    for _attempt in range(3):  # a click during the component's first render can be lost; a person clicks again
        page.mouse.click(box["x"] + pt["x"], box["y"] + pt["y"])
        if poll(lambda: "county=421223" in page.url, page, seconds=15):
            break
    assert "county=421223" in page.url
    page.locator('[data-testid="stSidebar"]').get_by_text("崇阳县").first.wait_for(timeout=30_000)


def test_panning_the_map_does_not_rerun_the_script(page, app_url):
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    open_page(page, app_url, "routes")
    frame = map_frame(page)
    page.wait_for_timeout(1500)  # let the first render's messages settle before counting
    before = len(sent)
    center_before = frame.evaluate("() => map_div.getCenter().lng")
    box = page.query_selector(MAP_FRAME).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 200, y - 50, steps=10)
    page.mouse.up()
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(2000)
    assert frame.evaluate("() => map_div.getCenter().lng") != center_before  # the map did move
    assert len(sent) == before  # and no message went to the server, so no rerun
