"""Page maps in Streamlit, built and serialised once per dataset, map, filter and language.

st_folium re-renders and re-serialises the whole map on every call (250–800 ms for the page maps, most of a
rerun). Here what it would send to its component is computed once, cached, and sent as is. This mirrors
streamlit-folium 0.27.4's st_folium (pinned in requirements.txt) and uses its own helper functions.
"""
from __future__ import annotations

import branca
import folium
import streamlit as st
import streamlit_folium as sf

from geo import settings
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.maps import pages as page_maps
from geo.ui import cache, sidebar, widgets
from geo.ui.cache import Version

RETURNED = ["last_active_drawing"]  # only a clicked feature comes back, so pan and zoom never rerun the script


def _assets(m: folium.Map) -> tuple[list[str], list[str]]:
    """CSS and JS links of the map's elements (already pointed at local copies by maps.finish), de-duplicated."""
    css, js = [], []

    def walk(el):
        if isinstance(el, branca.colormap.ColorMap):
            raise ValueError("colormaps load d3 from a CDN; the dashboard draws its own legends")
        css.extend(href for _, href in getattr(el, "default_css", []))
        js.extend(src for _, src in getattr(el, "default_js", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(m)
    return list(dict.fromkeys(css)), list(dict.fromkeys(js))


def component_args(m: folium.Map) -> dict:
    """What st_folium sends to the browser for this map: script, header, html, id and asset links."""
    m.render()  # renders the map into its figure (st_folium renders the figure first too: same output, twice the time)
    html, header = sf._get_html(m), sf._get_header(m)  # before _get_map_string, which alters the map
    script = sf._get_map_string(m)
    css, js = _assets(m)
    return {"script": script, "header": header, "html": html, "id": sf.get_full_id(m), "css_links": css,
            "js_links": js, "hash": sf.generate_js_hash(script, None, False)}


# 256 maps of 30–100 KB: a province's filters (city × county × years × page) without evicting the busy ones
@st.cache_resource(show_spinner=False, max_entries=256)
def _cached(version: Version, builder: str, flt: Filter, lang: str, extra: tuple) -> dict:
    return component_args(getattr(page_maps, builder)(cache.shown(version), flt, lang, *extra))


def show(ds: Dataset, builder: str, flt: Filter, lang: str, key: str, *extra,
         height: int | None = None) -> None:
    """Draw page_maps.<builder>(ds, flt, lang, *extra); a click on a county of the four cities selects it."""
    mount(dict(_cached(cache.version(ds), builder, flt, lang, tuple(extra))), key, height)


def mount(args: dict, key: str, height: int | None = None) -> None:
    """Send a map's component arguments (as built by component_args); the same arguments keep the same map, and
    its view, in the browser."""
    briefing = st.session_state.get(sidebar.KEY_BRIEFING)
    height = height or (settings.BRIEFING_MAP_HEIGHT if briefing else settings.MAP_HEIGHT)
    args = dict(args)
    hash_key = f"{args.pop('hash')}_{key}"

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        widgets._select_clicked_county(key)

    sf._component_func(**args, key=hash_key, height=height, width=None, returned_objects=RETURNED,
                       default={"last_active_drawing": None}, zoom=None, center=None, feature_group=None,
                       return_on_hover=False, layer_control=None, pixelated=False, on_change=on_change,
                       wrap_longitude=False)
