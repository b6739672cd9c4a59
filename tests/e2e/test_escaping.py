"""Text from data files is shown, never run: markup in names, quotes and titles stays literal text in Chromium, and
`javascript:` links written in titles, notes and quotes (Markdown, HTML or bare) never become links."""
import json
import shutil

import pytest

from tests.conftest import DATA, read_csv, write_csv
from tests.e2e.test_browser import map_frame, open_page

pytestmark = pytest.mark.e2e

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>window.__pwned=1</script>"
COUNTY = IMG + "县"  # 430421, Hengyang County
CHECKPOINT = IMG + "检查站"
CASE = SCRIPT + "案"  # hy-case-2017-410: a named case with kilograms seized (the case chart)
ROUTE = IMG + "通道"
QUOTE = SCRIPT + IMG  # a checkpoint's quote; appended to its source document so the data stay valid
TITLE = SCRIPT + "标题"  # a source title: in every chart's source line
JS_URL = "javascript:window.__pwned=1"
JS_LINK = f"[点我]({JS_URL})"  # Markdown: a link if any text went through Markdown unescaped
JS_ANCHOR = f'<a href="{JS_URL}">点我</a>'
LINK_TITLE = JS_LINK + "标题"  # another source's title

# Opens every popup on the map (a clustered marker is first taken out of its cluster) and returns the popups' text.
OPEN_POPUPS = """() => {
  const map = map_div, layers = new Set();
  const visit = (l) => { if (l.getLayers) l.getLayers().forEach(visit); if (l.getPopup && l.getPopup()) layers.add(l); };
  map.eachLayer(visit);
  const texts = [];
  for (const layer of layers) {
    const cluster = Object.values(map._layers).find(c => c.zoomToShowLayer && c.hasLayer(layer));
    if (cluster) { cluster.removeLayer(layer); map.addLayer(layer); }
    layer.openPopup();
    const node = layer.getPopup()._contentNode;
    texts.push(node ? node.innerText : '');
    layer.closePopup();
  }
  return texts;
}"""

INJECTED = ("() => ({pwned: typeof window.__pwned !== 'undefined', imgs: document.querySelectorAll('img[src=\"x\"]').length, "
            "links: Array.from(document.querySelectorAll('a[href]')).filter(a => /^\\s*javascript:/i.test("
            "a.getAttribute('href'))).length})")


def poison(data):
    """Markup in a county name, a checkpoint (name, note, quote), a case, a route, a demo label and a source title;
    javascript: links in another checkpoint (name, note, quote) and another source's title and publisher."""
    edits = [("jurisdictions.csv", "adcode", "430421", {"name_zh": COUNTY}),
             ("checkpoints.csv", "checkpoint_id", "hy-cp-01", {"name_zh": CHECKPOINT, "note": IMG, "quote": QUOTE}),
             ("checkpoints.csv", "checkpoint_id", "hy-cp-02", {"name_zh": JS_LINK, "note": JS_ANCHOR,
                                                                "quote": JS_LINK + JS_URL}),
             ("cases.csv", "case_id", "hy-case-2017-410", {"name_zh": CASE}),
             ("routes.csv", "route_id", "hy-route-01", {"name_zh": ROUTE}),
             ("demo_sites.csv", "record_id", "hy-demo-01", {"label_zh": IMG}),
             ("sources.csv", "source_file", "000_7f621273446b80a9.txt", {"title_zh": TITLE}),
             ("sources.csv", "source_file", "001_e1edde249d5ac0e5.txt", {"title_zh": LINK_TITLE, "publisher": JS_URL})]
    for file, key, value, cells in edits:
        header, rows = read_csv(data / file)
        row = next(r for r in rows if r[key] == value)
        row.update(cells)
        write_csv(data / file, header, rows)
    with (data / "sources" / "000_7f621273446b80a9.txt").open("a", encoding="utf-8") as fh:
        fh.write("\n" + QUOTE + "\n" + JS_LINK + JS_URL + "\n")
    path = data / "boundaries" / "counties.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for feat in doc["features"]:
        if feat["properties"]["adcode"] == "430421":
            feat["properties"]["name_zh"] = COUNTY
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned_url(app_for, tmp_path_factory):
    data = tmp_path_factory.mktemp("xss") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("_extract", "notes"))
    poison(data)
    from geo.data.validate import validate_dir

    assert validate_dir(data)[1] == []  # the markup is in valid data: only escaping stands in its way
    return app_for(data)


@pytest.fixture
def watched(page):
    """The page, with every dialog (alert, confirm, prompt) recorded and dismissed."""
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def assert_nothing_ran(page):
    for frame in page.frames:
        state = frame.evaluate(INJECTED)
        assert state == {"pwned": False, "imgs": 0, "links": 0}, (frame.url, state)
    assert page.dialogs == []
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("path", ["overview", "checkpoints", "routes", "seizures", "demo-sites", "sources", "data"])
def test_markup_in_data_never_runs(watched, poisoned_url, path):
    open_page(watched, poisoned_url, path)
    if path not in ("sources", "data"):
        map_frame(watched)
    watched.wait_for_timeout(500)  # a late onerror would fire now; there is nothing to poll for
    assert_nothing_ran(watched)


@pytest.mark.parametrize("path", ["overview", "seizures", "sources"])
def test_chosen_county_name_shows_as_text(watched, poisoned_url, path):
    open_page(watched, poisoned_url, path, "?city=430400&county=430421")
    watched.locator('[data-testid="stSidebar"]').get_by_text(COUNTY).first.wait_for(timeout=30_000)
    assert_nothing_ran(watched)


def test_selection_caption_shows_the_name_literally(watched, poisoned_url):
    open_page(watched, poisoned_url, "overview", "?city=430400&county=430421")
    watched.get_by_text(COUNTY).first.wait_for(timeout=30_000)
    assert_nothing_ran(watched)


def test_checkpoint_popup_shows_markup_as_text(watched, poisoned_url):
    open_page(watched, poisoned_url, "checkpoints")
    frame = map_frame(watched)
    texts = frame.evaluate(OPEN_POPUPS)
    popup = next(t for t in texts if CHECKPOINT in t)
    assert QUOTE in popup and IMG in popup
    assert_nothing_ran(watched)


def test_route_and_case_popups_show_markup_as_text(watched, poisoned_url):
    open_page(watched, poisoned_url, "routes")
    frame = map_frame(watched)
    texts = "\n".join(frame.evaluate(OPEN_POPUPS))
    assert ROUTE in texts and CASE in texts
    assert_nothing_ran(watched)


def test_chart_labels_show_markup_as_text(watched, poisoned_url):
    open_page(watched, poisoned_url, "seizures")
    watched.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    svg_text = "\n".join(watched.locator(".js-plotly-plot").all_text_contents())
    assert CASE in svg_text  # the case axis label
    assert "来源：<script>window.__" in svg_text  # the source line (titles are cut short there)
    assert_nothing_ran(watched)


def test_javascript_links_in_a_popup_show_as_text(watched, poisoned_url):
    open_page(watched, poisoned_url, "checkpoints")
    frame = map_frame(watched)
    popup = next(t for t in frame.evaluate(OPEN_POPUPS) if JS_LINK in t)
    assert JS_ANCHOR in popup and JS_LINK + JS_URL in popup  # the note and the quote, as written
    assert_nothing_ran(watched)


def test_javascript_links_in_titles_and_quotes_show_as_text_on_the_sources_page(watched, poisoned_url):
    open_page(watched, poisoned_url, "sources")
    watched.get_by_text(LINK_TITLE).first.wait_for(timeout=30_000)
    assert watched.get_by_role("link", name="点我").count() == 0
    assert_nothing_ran(watched)
