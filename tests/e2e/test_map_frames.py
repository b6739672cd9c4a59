"""Maps in Chromium at 1920x1080 and 1024x768: every map's drawing layer covers its whole frame on the desk pages
and on every slide, the places are named, the selection is outlined, and the boundaries come from one static
file (also with GCJ-02 tiles)."""
import pytest

from geo import settings
from tests.e2e.conftest import serve
from tests.e2e.test_browser import IDLE, MAP_FRAME, open_page, poll

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SIZES = [(1920, 1080), (1024, 768)]
DESK = ["overview", "checkpoints", "routes", "seizures", "demo_sites"]
CITIES_ZH = ["衡阳市", "永州市", "平顶山市", "咸宁市"]

# Inside a map frame: the frame's viewport, the Leaflet element, the size Leaflet thinks it has, and the
# basemap's canvas (what is drawn); plus the labels shown and the legend.
GEOMETRY = """() => {
  const el = document.querySelector('#map_div'), r = el.getBoundingClientRect(), s = window.map.getSize();
  const canvas = [...document.querySelectorAll('.leaflet-overlay-pane canvas')].map(c => {
    const b = c.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; });
  const labels = [...document.querySelectorAll('.dash-label[data-shown="1"]')].map(l => {
    const b = l.firstChild.getBoundingClientRect();
    return {text: l.textContent, box: [b.left, b.top, b.right, b.bottom]}; });
  const details = document.querySelector('.dash-legend details');
  return {vw: innerWidth, vh: innerHeight, box: [r.left, r.top, r.right, r.bottom], size: [s.x, s.y],
          canvas: canvas, labels: labels, legendOpen: details ? details.open : null};
}"""
# How far the slide's main area scrolls (0: everything is on the screen): the scrolling element is Streamlit's
# main section or the document, depending on the version
OVERFLOW = """() => Math.max(0, ...[document.scrollingElement, document.querySelector('[data-testid="stMain"]'),
  document.querySelector('[data-testid="stAppViewContainer"]')].filter(Boolean).map(e => e.scrollHeight - e.clientHeight))"""
READY = ("() => { const el = document.querySelector('#map_div'); return !!(window.map && el"
         " && el.getAttribute('data-basemap') === 'loaded'"
         " && el.getAttribute('data-fitted') === innerWidth + 'x' + innerHeight); }")


@pytest.fixture(scope="module")
def paused_url():
    with serve({"DASHBOARD_BRIEFING_SECONDS": "600"}) as url:
        yield url


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def sized(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()


class Replaced(Exception):
    """A map frame went away while it was being measured."""


def map_frames(page, attempts: int = 10) -> list[tuple[dict, dict]]:
    """(iframe box in the page, geometry inside it) of every visible map, once each has fitted its frame. A
    slide change replaces frames while we look: then look again."""
    from playwright.sync_api import Error

    for _attempt in range(attempts):
        page.wait_for_selector(MAP_FRAME, timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)
        try:
            first = _measure(page)
            page.wait_for_timeout(400)
            if _measure(page) == first:  # settled: the same frames, the same sizes
                return first
            raise Replaced()
        except (Error, Replaced) as err:
            if not isinstance(err, Replaced) and "detached" not in str(err):
                raise
            page.wait_for_timeout(500)
    raise AssertionError(f"no map frame settled on {page.url}")


def _measure(page) -> list[tuple[dict, dict]]:
    out = []
    for handle in page.query_selector_all(MAP_FRAME):
        box = handle.bounding_box()
        if not box or box["height"] == 0:
            continue
        frame = handle.content_frame()
        if frame is None:
            raise Replaced()
        frame.wait_for_function(READY, timeout=60_000)
        geo, box = frame.evaluate(GEOMETRY), handle.bounding_box()
        if not box or not box["height"]:
            raise Replaced()
        out.append((box, geo))
    if not out:
        raise Replaced()  # between two slides: the old frames went, the new are not laid out yet
    return out


def assert_fills(box: dict, geo: dict, scale: float = 1.0) -> None:
    """The Leaflet element is as large as its frame, Leaflet knows it, and the drawing covers all of it. A slide's
    frame is drawn at `scale` (the slide canvas is scaled to the screen), so its box on the page is that much
    smaller than the frame's own viewport."""
    assert abs(geo["vw"] * scale - box["width"]) <= 1.5 and abs(geo["vh"] * scale - box["height"]) <= 1.5, (box, geo)
    left, top, right, bottom = geo["box"]
    assert left <= 0.5 and top <= 0.5 and right >= geo["vw"] - 0.5 and bottom >= geo["vh"] - 0.5, geo
    assert geo["size"] == [round(right - left), round(bottom - top)], geo
    assert geo["canvas"], "the basemap drew nothing"
    c_left, c_top, c_right, c_bottom = geo["canvas"][0]
    assert c_left <= 0.5 and c_top <= 0.5 and c_right >= geo["vw"] - 0.5 and c_bottom >= geo["vh"] - 0.5, geo


def assert_labels_apart(geo: dict) -> None:
    boxes = [lab["box"] for lab in geo["labels"]]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b, geo["labels"])


@pytest.mark.parametrize("path", DESK)
def test_desk_maps_fill_their_frame(sized, paused_url, path):
    open_page(sized, paused_url, path)
    for box, geo in map_frames(sized):
        assert_fills(box, geo)
        assert_labels_apart(geo)
        if geo["vw"] < 760:
            assert geo["legendOpen"] in (False, None)  # folded on a narrow map, out of the data's way


def test_every_slide_map_fills_its_frame(sized, paused_url):
    sized.goto(f"{paused_url}/briefing?mode=briefing")
    sized.wait_for_selector(".brief-counter", timeout=60_000)
    count = int(sized.locator(".brief-counter").inner_text().split("/")[1].split("·")[0])
    seen = []
    for number in range(1, count + 1):
        assert poll(lambda n=number: sized.get_attribute(".brief-counter", "data-slide") == str(n), sized, 30)
        kind = sized.get_attribute(".brief-counter", "data-kind")
        if kind == "compare":  # a chart across the cities, no map
            assert poll(lambda: sized.locator(MAP_FRAME).count() == 0, sized, 30)  # the last slide's map went
            sized.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
            sized.keyboard.press("ArrowRight")
            continue
        frames = map_frames(sized)
        scale = float(sized.get_attribute(".st-key-brief_canvas", "data-scale") or 1)
        for box, geo in frames:
            assert_fills(box, geo, scale)
            assert_labels_apart(geo)
        # every map is wholly on the screen; a slide of tiles and a map does not scroll at all (a slide with a
        # chart beside its map may: the chart keeps its rows legible)
        assert all(box["y"] + box["height"] <= sized.viewport_size["height"] + 1 for box, _geo in frames), frames
        if kind in ("overview", "city", "routes"):
            assert poll(lambda: sized.evaluate(OVERFLOW) <= 2, sized, 10), f"slide {number} scrolls"
        seen.append(len(frames))
        if number == 2:  # the routes slide names the four cities
            shown = {lab["text"] for _box, geo in frames for lab in geo["labels"]}
            assert set(CITIES_ZH) <= shown, shown
        sized.keyboard.press("ArrowRight")
    assert len(seen) == count - settings.BRIEFING_SLIDES.count("compare") and all(seen)


def test_chosen_county_is_outlined_and_named_and_the_rest_dimmed(page, paused_url):
    open_page(page, paused_url, "routes", "?city=431100&county=431126")
    page.wait_for_selector(MAP_FRAME, timeout=60_000)
    frame = page.query_selector(MAP_FRAME).content_frame()
    frame.wait_for_function(READY, timeout=60_000)
    assert frame.get_attribute("#map_div", "data-selection") == "431126"
    assert frame.evaluate("() => map.getZoom()") >= 8  # zoomed to the county, so counties are named
    shown = frame.evaluate("() => [...document.querySelectorAll('.dash-label[data-shown=\"1\"]')]"
                           ".map(l => l.textContent)")
    assert "宁远县" in shown


def test_boundaries_arrive_once_as_a_static_file(page, paused_url):
    fetched = []
    page.on("response", lambda r: "/app/static/boundaries/" in r.url and fetched.append((r.url, r.status)))
    open_page(page, paused_url, "routes")
    map_frames(page)
    assert len(fetched) >= 1 and all(status == 200 for _url, status in fetched)
    assert len({url for url, _status in fetched}) == 1
    page.get_by_text("检查站").first.click()  # another page: the file comes from the browser's cache
    assert poll(lambda: "/checkpoints" in page.url, page, 30)
    map_frames(page)
    assert page.requests.external == []


def test_gcj02_tiles_shift_the_fetched_boundaries(browser):
    env = {"DASHBOARD_TILES": "http://localhost:9/{z}/{x}/{y}.png", "DASHBOARD_TILES_ATTRIBUTION": "test tiles",
           "DASHBOARD_TILES_DATUM": "gcj02"}
    with serve(env) as url:
        context = browser.new_context(viewport={"width": 1024, "height": 768})
        context.route("http://localhost:9/**", lambda route: route.abort())  # no tile server: offline tiles fail
        pg = context.new_page()
        open_page(pg, url, "routes")
        (box, geo), = map_frames(pg)
        assert_fills(box, geo)
        frame = pg.query_selector(MAP_FRAME).content_frame()
        # 衡阳县's first boundary vertex, in the fetched file, lies east of the WGS-84 one (GCJ-02 shifts east)
        lon = frame.evaluate("""async () => { const d = await map.dashBase;
          const f = d.counties.features.find(x => x.properties.adcode === '430421');
          const g = f.geometry; return (g.type === 'Polygon' ? g.coordinates : g.coordinates[0])[0][0][0]; }""")
        from geo.data.load import load_dataset

        county = load_dataset().boundaries["counties"].set_index("adcode").geometry.loc["430421"]
        first = (county.exterior if county.geom_type == "Polygon" else county.geoms[0].exterior).coords[0][0]
        assert 0.001 < lon - first < 0.01
        context.close()
