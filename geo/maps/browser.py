"""Map parts that run in the browser: the fetched basemap, shading and selection over it, permanent labels,
the legend as a foldable control, and a map that fills its frame and fits its data after every resize.

The code is static/js/map_frame.js (window.dashMap), loaded by every map; each part here adds one call to it
with its data as JSON. The frame's styles are static/css/map_frame.css."""
from __future__ import annotations

import functools
import json

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo import settings

FRAME_CSS = settings.STATIC_DIR / "css" / "map_frame.css"


def js(value) -> str:
    """JSON safe inside a <script> element (every string in it is already HTML-escaped where it is HTML)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


@functools.cache
def _frame_css() -> str:
    return FRAME_CSS.read_text(encoding="utf-8")


def fill_frame(m: folium.Map) -> None:
    """The CSS that makes the map element as large as its frame, and the label and legend styles (inlined: the
    map must have its size before it draws)."""
    root = m.get_root()
    if not isinstance(root, Figure):  # branca types get_root() as any Element; a map's root is its Figure
        raise TypeError("the map is not on a page (branca Figure)")
    root.header.add_child(Element(f"<style>{_frame_css()}</style>"), name="dash_fill_css")


def call(function: str, *args: str, named: bool = False) -> Template:
    """A template whose script is one call of dashMap.<function>(map, *args) (args: attributes of the element,
    JSON or a Jinja expression); `named` keeps what it returns in the element's variable (a layer)."""
    values = "".join(f", {{{{ this.{a} }}}}" for a in args)
    result = "var {{ this.get_name() }} = " if named else ""
    return Template("{% macro script(this, kwargs) %}\n"
                    f"{result}dashMap.{function}({{{{ this._parent.get_name() }}}}{values});\n"
                    "{% endmacro %}")


class Part(JSCSSMixin, MacroElement):
    """A map part drawn by static/js/map_frame.js, which every map loads (geo.maps.offline localises the URL)."""

    default_js = [("dash_map_frame", "js/map_frame.js")]


class Panes(Part):
    """A pane for labels above the data, and the stacking of what lies under the data (map_frame.js: panes)."""

    _template = call("panes")

    def __init__(self):
        super().__init__()
        self._name = "Panes"


class Basemap(Part):
    """The boundary layers, filled from the static file at `url` (or from `inline`); map.dashBase is a promise
    of the file's data, which the shading and selection layers wait for."""

    _template = call("basemap", "options")

    def __init__(self, url: str, styles: dict, lang: str, inline: dict | None = None):
        super().__init__()
        self._name = "Basemap"
        self.options = js({"url": url, "styles": styles, "layers": list(styles), "inline": inline,
                           "nameKey": "n" if lang == "zh" else "e"})


class Shading(Part):
    """Places of the fetched basemap shaded by class: {adcode: [shade, tooltip html, outline only]}."""

    _template = call("shading", "values", named=True)

    def __init__(self, values: dict[str, list], name: str):
        super().__init__()
        self._name = "Shading"
        self.values, self.layer_name = js(values), name


class Selection(Part):
    """The chosen cities or counties outlined, and everything else dimmed by a white veil with their holes."""

    _template = call("selection", "codes")

    def __init__(self, codes: list[str]):
        super().__init__()
        self._name = "Selection"
        self.codes = js(list(codes))


class Labels(Part):
    """Permanent labels [lat, lon, html, priority, min zoom, kind], decluttered in the browser."""

    _template = call("labels", "rows")

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "Labels"
        self.rows = js(rows)


class Legend(Part):
    """The legend as a Leaflet control at the bottom right, foldable, folded on narrow or low maps."""

    _template = call("legend", "options")

    def __init__(self, body: str):
        super().__init__()
        self._name = "Legend"
        self.body = js(body)
        self.options = js({"body": body, "foldPx": int(settings.MAP_LEGEND_FOLD_PX),
                           "foldHighPx": int(settings.MAP_LEGEND_FOLD_HEIGHT_PX)})


class FitFrame(Part):
    """Keeps Leaflet's size equal to its element's and fits the data inside, beside the legend, until the user
    pans or zooms."""

    _template = call("fitFrame", "bounds")

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "FitFrame"
        self.bounds = js(bounds)
