"""Serve Leaflet and its plugins from the app itself: CDN links in folium elements are rewritten to
files copied from node_modules into static/vendor (see scripts/vendor_assets.py)."""
from __future__ import annotations

from collections.abc import Iterator

import folium

from geo import settings

# npm package file → where it is served from, below settings.VENDOR_URL
VENDORED = {
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "leaflet/dist/images": "leaflet/images",
    "leaflet.markercluster/dist/leaflet.markercluster.js": "markercluster/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css": "markercluster/MarkerCluster.css",
    "leaflet.markercluster/dist/MarkerCluster.Default.css": "markercluster/MarkerCluster.Default.css",
    "leaflet-polylineoffset/leaflet.polylineoffset.js": "polylineoffset/leaflet.polylineoffset.js",
    "leaflet-polylinedecorator/dist/leaflet.polylineDecorator.js": "polylinedecorator/leaflet.polylineDecorator.js",
}

# What a folium asset name becomes; None drops it (jQuery, Bootstrap and awesome-markers serve folium's
# icon markers and popups styling, which these maps do not use).
BY_NAME: dict[str, str | None] = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_css": "leaflet/leaflet.css",
    "markerclusterjs": "markercluster/leaflet.markercluster.js",
    "markerclustercss": "markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/MarkerCluster.Default.css",
    "polylineoffset": "polylineoffset/leaflet.polylineoffset.js",
    "polylinedecorator": "polylinedecorator/leaflet.polylineDecorator.js",
    "jquery": None, "bootstrap": None, "awesome_markers": None, "bootstrap_css": None,
    "glyphicons_css": None, "awesome_markers_font_css": None, "awesome_markers_css": None,
    "awesome_rotate_css": None,
}


# The app's own browser code (static/js), served by Streamlit beside the vendored files
OWN = {"dash_map_frame": "js/map_frame.js"}
STATIC_URL = settings.VENDOR_URL.rsplit("/", 1)[0]  # where Streamlit serves static/: /app/static


class UnvendoredAsset(LookupError):
    """A folium element wants a browser asset that is not served locally."""


def local_url(path: str) -> str:
    return f"{settings.VENDOR_URL}/{path}"


def _localise(assets: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for name, url in assets:
        if name in OWN:
            out.append((name, f"{STATIC_URL}/{OWN[name]}"))
            continue
        if name not in BY_NAME:
            raise UnvendoredAsset(f"{name} ({url}) has no local copy; add it to package.json and geo.offline")
        if local := BY_NAME[name]:
            out.append((name, local_url(local)))
    return out


def _walk(element) -> Iterator:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def localise(m: folium.Map) -> folium.Map:
    """Point every element's JS and CSS at the local copies (in place; returns the map)."""
    for element in _walk(m):
        if hasattr(element, "default_js"):
            element.default_js = _localise(list(element.default_js))
        if hasattr(element, "default_css"):
            element.default_css = _localise(list(element.default_css))
    return m
