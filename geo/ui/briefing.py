"""Briefing mode for the projector: no chrome, large type, high contrast; and the slideshow with timer and keys."""
from __future__ import annotations

import functools
import html
import json
import time
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from geo import fmt, settings
from geo.charts import slides as briefing
from geo.charts import common as chart_layout
from geo.charts import compare
from geo.charts import records as record_charts
from geo.charts import tiles
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.exports import static_maps
from geo.i18n import place_names, t
from geo.ui import maps as ui_maps
from geo.ui import cache, sidebar, widgets

KEY_SLIDE, KEY_PAUSED, KEY_SHOWN_AT = "brief_slide", "brief_paused", "_brief_shown_at"
SLIDE_CHART_WIDTH = 480  # desk view: a chart beside its map, half of a 1024-pixel screen
CANVAS_CHART_WIDTH, CANVAS_WIDE_CHART_PX = 880, 1840  # on the 1920x1080 canvas: half of it, and all of it
CANVAS_CHART_MAX_PX = 790  # the canvas's height below the slide's heading
CANVAS_CSS, CANVAS_JS = "css/slide_canvas.css", "js/slide_canvas.js"  # under static/

# The projector style: static/css/briefing.css, its root type size set from settings.BRIEFING_FONT_PX.
CSS_FILE = settings.STATIC_DIR / "css" / "briefing.css"

# Maps fill the screen below the heading: the map frames get the viewport's height, and inside each (same-origin)
# frame the map element follows its frame; Leaflet redraws on the frame's resize event.
FILL_CSS = """<style>
iframe[title="streamlit_folium.st_folium"] {height: calc(100vh - 5.2rem) !important;}
</style>"""

# Keys work on the page itself, without reloading it (static/js/briefing_keys.js, inlined with its settings).
KEYS_JS = settings.STATIC_DIR / "js" / "briefing_keys.js"

# Streamlit's English "Select all" in Chinese (static/js/select_all_zh.js, inlined with its words).
SELECT_ALL_JS = settings.STATIC_DIR / "js" / "select_all_zh.js"

# The desk view: Streamlit greys captions by drawing them at 60% opacity (about 4.5:1 at best, less with a lighter
# text colour); drawn opaque in a dark grey instead, 8:1 (WCAG AA asks 4.5:1).
DESK_CSS = """<style>
[data-testid="stCaptionContainer"] {opacity: 1 !important;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *, [data-testid="stWidgetLabel"] small,
[data-testid="stMarkdownContainer"] small {color: #4d4d4d !important;}
</style>"""


@functools.cache
def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def script(path: Path, options: dict) -> str:
    """A <script> that calls the function in a static JS file with its options as JSON."""
    data = json.dumps(options, ensure_ascii=False).replace("<", "\\u003c")
    return f"<script>({_source(path).strip()})({data});</script>"


def active() -> bool:
    return bool(st.session_state.get(sidebar.KEY_BRIEFING))


def _leave() -> None:
    st.session_state[sidebar.KEY_BRIEFING] = False


def chrome(lang: str) -> None:
    """On every page, Streamlit's own English words in Chinese; in briefing mode the projector style, the keys,
    and a visible way out."""
    st.html(script(SELECT_ALL_JS, {"all": t("select_all", "zh"), "matches": "选择 $1 项", "lang": lang}),
            unsafe_allow_javascript=True)
    st.html(DESK_CSS)
    if not active():
        return
    st.html(f"<style>:root {{--briefing-font-px: {settings.BRIEFING_FONT_PX}px;}}</style>" + FILL_CSS)
    st.html(CSS_FILE)
    st.html(script(KEYS_JS, {"minMapPx": settings.BRIEFING_MAP_MIN_PX}), unsafe_allow_javascript=True)
    st.button(t("briefing_exit", lang), key="briefing_exit", on_click=_leave, help=t("briefing_keys", lang),
              type="tertiary")


def _go(delta: int, count: int) -> None:
    st.session_state[KEY_SLIDE] = briefing.step(st.session_state.get(KEY_SLIDE, 0), count, delta)
    st.session_state[KEY_SHOWN_AT] = time.monotonic()


def _toggle_pause() -> None:
    st.session_state[KEY_PAUSED] = not st.session_state.get(KEY_PAUSED, False)
    st.session_state[KEY_SHOWN_AT] = time.monotonic()


def _advance_on_timer(count: int) -> None:
    """The fragment reruns every BRIEFING_SECONDS; a slide shown for that long moves on unless paused."""
    now = time.monotonic()
    shown_at = st.session_state.setdefault(KEY_SHOWN_AT, now)
    if not st.session_state.get(KEY_PAUSED) and now - shown_at >= settings.BRIEFING_SECONDS - 0.5:
        _go(1, count)


def _controls(index: int, count: int, kind: str, lang: str) -> None:
    """Previous, pause and next as real buttons (the keys click them), and where we are: "3 / 8 · paused"."""
    paused = st.session_state.get(KEY_PAUSED, False)
    prev, pause, nxt, counter = st.container(key="brief_controls").columns([2, 3, 2, 4], vertical_alignment="center")
    prev.button("◀", key="brief_prev", on_click=_go, args=(-1, count), help=f"{t('briefing_prev', lang)} (← / PageUp)")
    pause.button(t("briefing_play", lang) if paused else t("briefing_pause", lang), key="brief_pause",
                 on_click=_toggle_pause, help="P")
    nxt.button("▶", key="brief_next", on_click=_go, args=(1, count),
               help=f"{t('briefing_next', lang)} (→ / PageDown / Space)")
    status = t("briefing_paused", lang) if paused else t("briefing_every", lang, seconds=settings.BRIEFING_SECONDS)
    counter.html(f"<div class='brief-counter' data-slide='{index + 1}' data-kind='{html.escape(kind)}'"
                 f" data-paused='{int(paused)}'>"
                 f"{index + 1} / {count} · {html.escape(status)}</div>")


def _tiles(ds: Dataset, flt: Filter, lang: str, per_city: int) -> None:
    """One full-width grid, no city headings: each tile names its place, and the slide must fit the screen."""
    tile_list = tiles.tiles(ds, flt, lang, per_city=per_city)
    if tile_list:
        full = briefing.source_titles(ds, [k.record_id for k in tile_list], lang)
        cards = "".join(widgets.tile_html(tile, full.get(tile.record_id)) for tile in tile_list)
        st.markdown(f"{widgets.TILE_CSS}<div class='kf-grid'>{cards}</div>", unsafe_allow_html=True)
    else:
        widgets.no_records(ds, flt, lang)


def _chart(build: Callable[[int], go.Figure], key: str, lang: str, wide: bool = False) -> None:
    """The chart `build(limit)` sized for the slide (as many of its largest bars as fit), or the no-data panel."""
    canvas = active()
    if canvas:  # laid out for its column on the 1920x1080 canvas
        fig = chart_layout.for_slide(build, CANVAS_WIDE_CHART_PX if wide else CANVAS_CHART_WIDTH, CANVAS_CHART_MAX_PX)
    else:
        fig = chart_layout.for_slide(build, settings.BRIEFING_WIDE_CHART_PX if wide else SLIDE_CHART_WIDTH)
    if chart_layout.is_empty(fig):
        widgets.no_data(lang, key)
    else:
        if canvas:  # its drawn height, for the canvas's counter-scaled chart frame (slide_canvas.css)
            st.html(f"<style>.st-key-{key} {{--chart-h: {int(fig.layout.height)}px;}}</style>")
        st.plotly_chart(fig, key=key)


def _slide(ds: Dataset, slide: briefing.Slide, flt: Filter, lang: str) -> None:
    """One slide: the figures across the full width above the map, or the map beside its chart."""
    flt = slide.filter(flt)
    height = settings.BRIEFING_MAP_HEIGHT
    if slide.kind in ("overview", "city"):
        per_city = 1 if slide.kind == "overview" else settings.BRIEFING_TILES_PER_CITY
        _tiles(ds, flt, lang, per_city)
        # a city slide writes its key figures on the map, at their places
        figures = briefing.map_figures(ds, flt, lang, per_city) if slide.kind == "city" else ()
        ui_maps.show(ds, "overview_map", flt, lang, f"brief_map_{slide.kind}_{slide.city}", figures, height=height)
    elif slide.kind == "routes":
        case = briefing.route_case(ds, flt)  # the case the headline names: its route is picked out
        ui_maps.show(ds, "routes_map", flt, lang, "brief_map_routes", case[1] if case else None, height=height)
    elif slide.kind == "seizures":
        left, right = st.columns(2)
        with left:
            ui_maps.show(ds, "seizures_map", flt, lang, "brief_map_seizures", "symbols", height=height)
        with right:
            seized = cache.view(ds, "seizures", flt)
            _chart(lambda limit: record_charts.seizure_totals(seized, ds["jurisdictions"], ds["sources"], lang,
                                                              limit, "largest_bars_slide"),
                   "brief_chart_seizures", lang)
    elif slide.kind == "compare":  # one core indicator across the cities
        chart = compare.compare_chart(ds, flt, settings.COMPARE_SLIDE_INDICATOR, lang)  # a bar per city: no cut
        _chart(lambda limit: chart, "brief_chart_compare", lang, wide=True)
    else:
        demo = cache.view(ds, "demo_sites", flt)
        left, right = st.columns(2)
        with left:
            if len(demo):
                category = static_maps.default_category(demo)
                ui_maps.show(ds, "demo_map", flt, lang, "brief_map_demo", category, height=height)
        with right:
            _chart(lambda limit: record_charts.demo_by_category(demo, ds["jurisdictions"], ds["sources"], lang,
                                                                limit, "largest_bars_slide"),
                   "brief_chart_demo", lang)


def meta_html(topic: str, message: briefing.Message | None, lang: str) -> tuple[str, str]:
    """The slide's topic above its headline; below it the key number's period and document, then the slide's
    other documents (escaped HTML)."""
    e = html.escape
    kicker = f"<div class='brief-kicker'>{e(topic)}</div>"
    if message is None:
        return kicker, ""
    sep = "：" if lang == "zh" else ": "
    also = (f"<div class='brief-also'>{e(t('brief_also', lang))}{sep}{e(message.also)}</div>" if message.also
            else "")
    return kicker, (f"<div class='brief-meta' title='{e(message.quote)}'>{e(t('period', lang))}{sep}"
                    f"{e(message.period)} · {e(t('source', lang))}{sep}{e(message.sources)}</div>{also}")


def _heading(topic: str, message: briefing.Message | None, lang: str) -> None:
    """Topic, the headline with its key number (the page's h1), then the period and the sources."""
    kicker, meta = meta_html(topic, message, lang)
    with st.container(key="brief_head"):
        st.html(kicker)
        st.title(fmt.md_escape(message.text(lang) if message else topic), anchor=False)
        if meta:
            st.html(meta)


def _static(name: str) -> str:
    return (settings.STATIC_DIR / name).read_text(encoding="utf-8")


def _canvas_assets() -> None:
    """The fixed 16:9 canvas the slides are laid out on, and the script that scales it to the screen."""
    st.html(f"<style>{_static(CANVAS_CSS)}</style>")
    st.html(f"<script>{_static(CANVAS_JS)}</script>", unsafe_allow_javascript=True)


@st.fragment(run_every=settings.BRIEFING_SECONDS)
def slideshow(ds: Dataset, flt: Filter, lang: str) -> None:
    """The slides one at a time; the timer and the keys rerun only this fragment, never the page. In briefing mode
    each slide is laid out on a 1920x1080 canvas scaled to the screen; the desk view shows it in the page."""
    if active():
        _canvas_assets()
        with st.container(key="brief_canvas"):
            _show(ds, flt, lang)
    else:
        _show(ds, flt, lang)


def _show(ds: Dataset, flt: Filter, lang: str) -> None:
    deck = briefing.slides()
    _advance_on_timer(len(deck))
    index = st.session_state.get(KEY_SLIDE, 0) % len(deck)
    slide = deck[index]
    names = place_names(ds["jurisdictions"], lang)
    heading, controls = st.columns([3, 2], vertical_alignment="top")
    with heading:
        _heading(briefing.title(slide, names, lang), briefing.message(ds, slide, flt, lang), lang)
    with controls:
        _controls(index, len(deck), deck[index].kind, lang)
    _slide(ds, slide, flt, lang)
