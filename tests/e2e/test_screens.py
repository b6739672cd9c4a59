"""Every page as the three users see it, in Chromium: at 1920x1080 and 1024x768, desk and briefing mode, Chinese and
English. One browser context per size and language visits every page once in each mode and records what axe-core
finds, the visible text and the boxes of every chart label; the tests below judge those records.
"""
import re

import pytest

from geo.data.load import load_dataset
from tests.e2e.conftest import ROOT
from tests.e2e.test_briefing import AXE
from tests.e2e.test_browser import IDLE, poll

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PAGES = ["", "enforcement", "checkpoints", "routes", "seizures", "demo_sites", "compare", "sources", "briefing", "data"]
SIZES = [(1920, 1080), (1024, 768)]
LANGS = ["zh", "en"]
MODES = {"desk": "", "briefing": "mode=briefing"}
CHART_PAGES = {"enforcement", "routes", "seizures", "demo_sites", "compare"}

# Boxes of every piece of SVG text in each plotly chart (tick labels, bar values, legend, titles, source line),
# with the chart's own box: text that leaves its chart was cut.
LABEL_BOXES = """(root) => [...root.querySelectorAll('.js-plotly-plot .main-svg, svg.main-svg')].map(svg => {
  const outer = svg.getBoundingClientRect();
  const boxes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() &&
      getComputedStyle(t).display !== 'none' && getComputedStyle(t).opacity !== '0' &&
      !t.closest('.hoverlayer') && !t.closest('.infolayer .legendtitletext') && t.getBBox().width > 0)
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.textContent.trim().slice(0, 40), x: r.x, y: r.y, w: r.width, h: r.height}; });
  return {outer: {x: outer.x, y: outer.y, w: outer.width, h: outer.height}, boxes};
}).filter(c => c.boxes.length)"""


# Every chart drawn, and nothing greyed out as stale by a run in progress (axe would measure the faded colours).
DRAWN = """() => document.querySelectorAll('.js-plotly-plot .main-svg').length >=
  document.querySelectorAll('[data-testid="stPlotlyChart"]').length && !document.querySelector('[data-stale="true"]')"""


def overlaps(chart: dict, slack: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of label boxes that overlap by more than `slack` pixels each way."""
    found = []
    boxes = chart["boxes"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > slack and dy > slack:
                found.append((a["text"], b["text"]))
    return found


def cut(chart: dict, slack: float = 1.0) -> list[str]:
    """Labels that stick out of their chart (cut at an edge)."""
    o = chart["outer"]
    return [b["text"] for b in chart["boxes"] if b["x"] < o["x"] - slack or b["x"] + b["w"] > o["x"] + o["w"] + slack
            or b["y"] < o["y"] - slack or b["y"] + b["h"] > o["y"] + o["h"] + slack]


def raw_keys(lang: str = "zh") -> re.Pattern:
    """Table names, metric keys and adcodes of the curated data, as whole words. In the English view a table name
    that is an English word ("340 cases", "Key figures") is not a key; snake_case names and codes still are."""
    ds = load_dataset()
    keys = set(ds.tables) | set(ds["figures"]["metric"]) | set(ds["jurisdictions"]["adcode"])
    keys = {k for k in keys if isinstance(k, str) and k and (lang == "zh" or not k.isalpha())}
    keys = sorted(keys, key=len, reverse=True)
    # a data file's name (figures.csv) is what staff fix and is allowed; the key alone is not
    return re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, keys)) + r")(?![\w-]|\.csv)")


def audit(page) -> list:
    """axe-core's serious and critical WCAG 2 A/AA violations on the page as it is now."""
    axe = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']},"
                        " resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["html"][:100] for n in v["nodes"]][:3]) for v in axe["violations"]
            if v["impact"] in ("serious", "critical")]


def visit(page, url: str, charts: bool = False) -> dict:
    page.goto(url)
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    if charts:  # the page's charts arrive after its first elements
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=90_000)
    page.wait_for_function(DRAWN, timeout=90_000)
    page.wait_for_timeout(800)  # a map frame's first message can start one more run: let it begin, then settle
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_function(DRAWN, timeout=90_000)
    page.add_script_tag(path=str(AXE))
    serious = audit(page)
    if serious:  # a run that began meanwhile greys the page for a moment: judge what stays once it is done
        page.wait_for_timeout(1500)
        page.wait_for_function(IDLE, timeout=60_000)
        page.wait_for_function(DRAWN, timeout=90_000)
        serious = audit(page)
    return {"axe": serious, "text": page.evaluate("() => document.body.innerText"),
            "charts": page.evaluate(LABEL_BOXES, page.query_selector("body"))}


@pytest.fixture(scope="module")
def screens(browser, app_url):
    """{(size, lang, mode, page): what was seen}, one context per size and language."""
    seen = {}
    for width, height in SIZES:
        for lang in LANGS:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
            page = context.new_page()
            try:
                for mode, query in MODES.items():
                    for path in PAGES:
                        q = "&".join(x for x in (query, "lang=en" if lang == "en" else "") if x)
                        seen[(width, lang, mode, path)] = visit(page, f"{app_url}/{path}" + (f"?{q}" if q else ""),
                                                                path in CHART_PAGES)
            finally:
                context.close()
    return seen


def test_axe_finds_no_serious_violation_anywhere(screens):
    bad = {key: found["axe"] for key, found in screens.items() if found["axe"]}
    assert bad == {}


def test_no_raw_key_in_visible_text(screens):
    patterns = {lang: raw_keys(lang) for lang in LANGS}
    bad = {key: sorted(set(patterns[key[1]].findall(found["text"])))[:8] for key, found in screens.items()
           if patterns[key[1]].search(found["text"])}
    assert bad == {}


def test_no_chart_label_overlaps_or_is_cut(screens):
    charts = sum(len(found["charts"]) for found in screens.values())
    assert charts >= 40  # the enforcement, routes, seizures, demo and slide charts were all measured
    bad = {key: [overlaps(c)[:3] for c in found["charts"] if overlaps(c)] for key, found in screens.items()}
    assert {k: v for k, v in bad.items() if v} == {}
    cuts = {key: [cut(c)[:3] for c in found["charts"] if cut(c)] for key, found in screens.items()}
    assert {k: v for k, v in cuts.items() if v} == {}


def test_english_view_shows_no_chinese_period_on_charts(screens):
    for (width, lang, mode, path), found in screens.items():
        if lang == "en" and path == "seizures":
            labels = " ".join(b["text"] for c in found["charts"] for b in c["boxes"])
            assert "近年来" not in labels and "2018年至今" not in labels, (width, mode)


def test_exported_charts_never_overlap(browser):
    """Every chart of the briefing pack, as the press SVG, drawn in Chromium and measured the same way."""
    from geo.data.filters import Filter
    from geo.exports import pack
    from geo.exports import press as export

    ds = load_dataset()
    charts = [c for lang in LANGS for c in pack.pack_charts(ds, Filter(), lang)]
    try:
        svgs = export.charts_bytes([(c.figure, "svg") for c in charts])
    finally:
        export.stop_renderer()
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        bad = {}
        for chart, svg in zip(charts, svgs):
            page.set_content(f"<html><body style='margin:0'>{svg.decode()}</body></html>")
            measured = page.evaluate(LABEL_BOXES, page.query_selector("body"))
            assert measured and len(measured[0]["boxes"]) > 5, chart.key
            problems = [overlaps(m) for m in measured if overlaps(m)] + [cut(m) for m in measured if cut(m)]
            if problems:
                bad[chart.file_name("svg")] = problems[:3]
        assert bad == {}
    finally:
        context.close()


def test_vendored_axe_is_there():
    assert AXE.is_file() and AXE.is_relative_to(ROOT)


SLIDE_SIZES = [(1024, 768), (1366, 768), (1920, 1080), (1280, 1024)]
# The slide canvas and what stands on it, in screen pixels; how far anything scrolls; how many lines the counter takes.
CANVAS = """() => {
  const c = document.querySelector('.st-key-brief_canvas');
  if (!c || !c.dataset.scale) return null;
  const box = e => { const b = e.getBoundingClientRect(); return {x: b.x, y: b.y, w: b.width, h: b.height}; };
  const parts = {head: '.st-key-brief_head', controls: '.st-key-brief_controls', tiles: '.kf-grid',
                 map: 'iframe[title="streamlit_folium.st_folium"]', chart: '.js-plotly-plot .svg-container',
                 nodata: '.no-data'};
  const found = [];
  for (const [name, sel] of Object.entries(parts)) {
    c.querySelectorAll(sel).forEach((e, i) => { const b = box(e); if (b.w && b.h) found.push({name: name + i, ...b}); });
  }
  const scroll = Math.max(0, ...[document.scrollingElement, document.querySelector('[data-testid="stMain"]'),
    document.querySelector('[data-testid="stAppViewContainer"]')].filter(Boolean).map(e => e.scrollHeight - e.clientHeight));
  const counter = c.querySelector('.brief-counter'), s = parseFloat(c.dataset.scale);
  const lines = counter ? counter.getBoundingClientRect().height / (parseFloat(getComputedStyle(counter).lineHeight) * s) : 0;
  return {canvas: box(c), scale: s, parts: found, scroll: scroll, counterLines: Math.round(lines), vw: innerWidth,
          vh: innerHeight, stale: !!document.querySelector('[data-stale="true"]')};
}"""


def canvas_problems(seen: dict, slack: float = 1.5) -> list[str]:
    """What is wrong with one slide at one screen size: scrolling, a canvas off the screen or the wrong scale, a
    part outside the canvas, two parts on top of each other, a counter on two lines."""
    found, c = [], seen["canvas"]
    if seen["scroll"] > 1:
        found.append(f"scrolls by {seen['scroll']} px")
    if abs(seen["scale"] - min(seen["vw"] / 1920, seen["vh"] / 1080)) > 0.001:
        found.append(f"scale {seen['scale']}")
    if c["x"] < -slack or c["y"] < -slack or c["x"] + c["w"] > seen["vw"] + slack or c["y"] + c["h"] > seen["vh"] + slack:
        found.append(f"canvas off the screen: {c}")
    for p in seen["parts"]:
        if p["x"] < c["x"] - slack or p["y"] < c["y"] - slack or p["x"] + p["w"] > c["x"] + c["w"] + slack \
                or p["y"] + p["h"] > c["y"] + c["h"] + slack:
            found.append(f"{p['name']} leaves the canvas: {p} of {c}")
    parts = seen["parts"]
    for i, a in enumerate(parts):
        for b in parts[i + 1:]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > 2 and dy > 2:
                found.append(f"{a['name']} overlaps {b['name']}")
    if seen["counterLines"] != 1:
        found.append(f"counter on {seen['counterLines']} lines")
    return found


def settled(page) -> dict:
    """The canvas once two looks 150 ms apart agree (scaled to this window, maps and charts laid out)."""
    last = None
    for _ in range(200):
        now = page.evaluate(CANVAS)
        if now and not now["stale"] and now == last:
            return now
        last = now
        page.wait_for_timeout(150)
    raise AssertionError(f"the slide did not settle: {last}")


def slide_drawn(page, number: int) -> None:
    """Wait for slide `number`: its counter, then its map frame or chart, and no run in progress."""
    from tests.e2e.test_briefing import slide

    assert poll(lambda: slide(page)[0] == number, page, 60), number
    kind = page.get_attribute(".brief-counter", "data-kind")
    page.wait_for_selector(".st-key-brief_canvas " + ('.js-plotly-plot .main-svg' if kind == "compare"
                                                      else 'iframe[title="streamlit_folium.st_folium"]'),
                           timeout=90_000)
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_function(DRAWN, timeout=90_000)


@pytest.mark.parametrize("lang", LANGS)
def test_every_slide_fits_the_screen_at_every_size_and_nothing_overlaps(browser, app_url, lang):
    """Each slide at 1024x768, 1366x768, 1920x1080 and 1280x1024: nothing scrolls, the 16:9 canvas is scaled to fit
    (letterboxed), every part stays on it, no two parts overlap, the counter keeps to one line, chart labels neither
    overlap nor leave their chart. One page per language, resized in place (the canvas rescales without a reload)."""
    from tests.e2e.test_briefing import open_slides

    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="zh-CN")
    page = context.new_page()
    try:
        open_slides(page, app_url, "mode=briefing" + ("&lang=en" if lang == "en" else ""))
        page.keyboard.press("p")  # paused: only the keys move the slides
        count = int(page.inner_text(".brief-counter").split("/")[1].split("·")[0])
        bad = {}
        for number in range(1, count + 1):
            if number > 1:
                page.keyboard.press("ArrowRight")
            slide_drawn(page, number)
            for width, height in SLIDE_SIZES:
                page.set_viewport_size({"width": width, "height": height})
                seen = settled(page)
                problems = canvas_problems(seen)
                charts = page.evaluate(LABEL_BOXES, page.query_selector(".st-key-brief_canvas"))
                problems += [f"chart labels overlap: {overlaps(c)[:3]}" for c in charts if overlaps(c)]
                problems += [f"chart labels cut: {cut(c)[:3]}" for c in charts if cut(c)]
                if problems:
                    bad[(number, f"{width}x{height}")] = problems
            assert "：" in page.inner_text(".brief-meta") or ": " in page.inner_text(".brief-meta")
        assert bad == {}
    finally:
        context.close()
