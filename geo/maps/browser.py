"""Map parts that run in the browser: the fetched basemap, shading and selection over it, permanent labels,
the legend as a foldable control, and a map that fills its frame and fits its data after every resize."""
from __future__ import annotations

import json

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo import settings


def js(value) -> str:
    """JSON safe inside a <script> element (every string in it is already HTML-escaped where it is HTML)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


# The map element follows its frame: 100vh inside the iframe is the iframe's height, whatever sets it
# (st_folium's height, or the briefing CSS that stretches map frames to the screen).
FILL_CSS = """<style>
html, body {margin: 0; padding: 0; height: 100%; overflow: hidden;}
#map_div, .folium-map {height: 100vh !important; width: 100% !important;}
.dash-label {pointer-events: none;}
.dash-label span {position: absolute; left: 0; top: 0; transform: translate(-50%, -50%); white-space: nowrap;
  font-weight: 700; color: #111; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff, 0 0 4px #fff;}
.dash-label-city span {font-size: 19px;}
.dash-label-place span {font-size: 16px;}
.dash-label-county span {font-size: 13px; font-weight: 400; color: #222;}
.dash-label-value span {font-size: 16px; text-align: center; white-space: pre;}
@media (min-width: 1100px) {.dash-label-city span {font-size: 23px;} .dash-label-place span {font-size: 19px;}
  .dash-label-value span {font-size: 19px;} .dash-label-county span {font-size: 15px;}}
.dash-legend {background: rgba(255,255,255,0.96); padding: 6px 10px; border: 1px solid #555; color: #111;
  font-size: 15px; line-height: 1.35; max-width: 46vw; max-height: 70vh; overflow: auto;}
.dash-legend summary {cursor: pointer; font-weight: 700;}
.dash-legend .row {display: flex; align-items: center; gap: 6px; margin: 2px 0;}
.dash-legend .sym {display: inline-flex; justify-content: center; align-items: center; flex: none;}
</style>"""


def fill_frame(m: folium.Map) -> None:
    """The CSS that makes the map element as large as its frame, and the label and legend styles."""
    root = m.get_root()
    if not isinstance(root, Figure):  # branca types get_root() as any Element; a map's root is its Figure
        raise TypeError("the map is not on a page (branca Figure)")
    root.header.add_child(Element(FILL_CSS), name="dash_fill_css")


class Panes(MacroElement):
    """A pane for labels above the data (never catching the mouse), and the stacking of what lies under the
    data. Boundaries, shading and the selection share the map's one canvas with the data, so a click finds a
    county under a route (separate canvases would swallow it); as they arrive after the data, each is moved to
    the back in turn: outline, veil, shading, counties … countries, the last drawn first."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  map.createPane('dashLabels');
  map.getPane('dashLabels').style.zIndex = 640;
  map.getPane('dashLabels').style.pointerEvents = 'none';
  map.dashUnder = {};  // name -> layer, stacked by dashRestack in UNDER order
  var UNDER = ['outline', 'veil', 'shading', 'counties', 'prefectures', 'provinces', 'countries'];
  map.dashRestack = function () {
    UNDER.forEach(function (k) { if (map.dashUnder[k]) { map.dashUnder[k].bringToBack(); } });
  };
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "Panes"


class Basemap(MacroElement):
    """The boundary layers, created empty (so st_folium hooks their clicks) and filled from the static file.

    map.dashBase is a promise of the file's data, which the shading and selection layers wait for.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  var S = {{ this.styles }}, NAME = {{ this.name_key }}, layers = {};
  {{ this.layer_names }}.forEach(function (k) {
    layers[k] = map.dashUnder[k] = L.geoJSON(null, {style: S[k],
      interactive: k !== 'countries', onEachFeature: function (f, l) {
        f.properties.name = f.properties[NAME];
        if (k !== 'countries') { l.bindTooltip(f.properties.name, {sticky: true}); }
      }}).addTo(map);
  });
  {% if this.inline %}
  var source = Promise.resolve({{ this.inline }});
  {% else %}
  // one download and one parse per page: map frames are same-origin with the page, which keeps the promise
  var shared = {};
  try { shared = window.parent.__dashBoundaries = window.parent.__dashBoundaries || {}; } catch (e) { shared = {}; }
  var source = shared[{{ this.url }}] = shared[{{ this.url }}] || fetch({{ this.url }}, {cache: 'force-cache'})
    .then(function (r) {
      if (!r.ok) { throw new Error('boundaries: HTTP ' + r.status); }
      return r.json();
    });
  source.catch(function () { delete shared[{{ this.url }}]; });
  {% endif %}
  map.dashBase = source.then(function (data) {
    Object.keys(layers).forEach(function (k) { layers[k].addData(data[k]); });
    map.dashRestack();
    map.getContainer().setAttribute('data-basemap', 'loaded');
    // ms from the frame's start to a drawn basemap: what bench.maps reports as the map's own cost
    map.getContainer().setAttribute('data-drawn-ms', String(Math.round(performance.now())));
    return data;
  });
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, url: str, styles: dict, lang: str, inline: dict | None = None):
        super().__init__()
        self._name = "Basemap"
        self.inline = js(inline) if inline is not None else ""
        self.url, self.styles, self.layer_names = js(url), js(styles), js(list(styles))
        self.name_key = js("n" if lang == "zh" else "e")


class Shading(MacroElement):
    """Places of the fetched basemap shaded by class: {adcode: [shade, tooltip html, outline only]}.

    A city whose counties are shaded too is drawn as an outline, so its figure never lies under theirs.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
  var V = {{ this.values }};
  var group = map.dashUnder.shading = L.geoJSON(null, {style: function (f) {
      var v = V[f.properties.adcode];
      return v[2] ? {color: '#111', weight: 3, dashArray: '8 5', fill: false}
                  : {fillColor: v[0], color: '#333', weight: 1, fillOpacity: 0.8};
    }, onEachFeature: function (f, l) { l.bindTooltip(V[f.properties.adcode][1], {sticky: true}); }}).addTo(map);
  map.dashBase.then(function (data) {
    ['prefectures', 'counties'].forEach(function (k) {
      group.addData({type: 'FeatureCollection', features: data[k].features.filter(function (f) {
        return V.hasOwnProperty(f.properties.adcode); })});
    });
    map.dashRestack();
  });
  return group;
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, values: dict[str, list], name: str):
        super().__init__()
        self._name = "Shading"
        self.values, self.layer_name = js(values), name


class Selection(MacroElement):
    """The chosen cities or counties outlined, and everything else dimmed by a white veil with their holes."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  var CODES = {{ this.codes }};
  map.dashBase.then(function (data) {
    var chosen = data.prefectures.features.concat(data.counties.features).filter(function (f) {
      return CODES.indexOf(f.properties.adcode) >= 0; });
    if (!chosen.length) { return; }
    var holes = [];
    chosen.forEach(function (f) {
      var g = f.geometry, polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      polys.forEach(function (p) { holes.push(L.GeoJSON.coordsToLatLngs(p[0])); });
    });
    var world = [[-89, -179], [-89, 179], [89, 179], [89, -179]];
    map.dashUnder.veil = L.polygon([world].concat(holes), {stroke: false, fillColor: '#ffffff', fillOpacity: 0.55,
                                                           interactive: false}).addTo(map);
    map.dashUnder.outline = L.geoJSON({type: 'FeatureCollection', features: chosen}, {interactive: false,
      style: {color: '#000', weight: 4, fill: false}}).addTo(map);
    map.dashRestack();
    map.getContainer().setAttribute('data-selection', CODES.join(','));
  });
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, codes: list[str]):
        super().__init__()
        self._name = "Selection"
        self.codes = js(list(codes))


class Labels(MacroElement):
    """Permanent labels [lat, lon, html, priority, min zoom, kind]: hidden below their zoom, and a label that
    would touch one of higher priority (lower number), or the legend, is dropped until there is room."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  var items = {{ this.rows }}.map(function (r) {
    var m = L.marker([r[0], r[1]], {pane: 'dashLabels', interactive: false, keyboard: false,
      icon: L.divIcon({className: 'dash-label dash-label-' + r[5], html: '<span>' + r[2] + '</span>',
                       iconSize: null})}).addTo(map);
    return {marker: m, priority: r[3], zoom: r[4], kind: r[5]};
  }).sort(function (a, b) { return a.priority - b.priority; });
  function overlaps(a, b) {
    return !(a.right + 4 < b.left || a.left > b.right + 4 || a.bottom + 2 < b.top || a.top > b.bottom + 2);
  }
  // candidate spots as offsets of the box from its point, in units of its own width and height (own spot first)
  var SPOTS = {place: [[-0.5, -1.25], [-0.5, 0.25], [0, -0.5, 10], [-1, -0.5, -10], [-0.5, -0.5]]};
  var CENTRED = [[-0.5, -0.5], [-0.5, -1.25], [-0.5, 0.25], [0, -0.5, 10], [-1, -0.5, -10]];
  // positions come from the map's own projection, not from the DOM, which may lag behind a view change
  function declutter() {
    var zoom = map.getZoom(), size = map.getSize(), taken = [], el0 = map.getContainer();
    var frame = el0.getBoundingClientRect();
    el0.querySelectorAll('.leaflet-control').forEach(function (c) {
      var r = c.getBoundingClientRect();
      taken.push({left: r.left - frame.left, right: r.right - frame.left, top: r.top - frame.top,
                  bottom: r.bottom - frame.top});
    });
    items.forEach(function (it) {
      var el = it.marker.getElement();
      if (!el) { return; }
      if (zoom + 0.01 < it.zoom) { el.style.display = 'none'; el.setAttribute('data-shown', '0'); return; }
      el.style.display = '';
      var span = el.firstChild, w = span.offsetWidth, h = span.offsetHeight;
      var p = map.latLngToContainerPoint(it.marker.getLatLng()), spots = SPOTS[it.kind] || CENTRED, box = null;
      for (var i = 0; i < spots.length; i++) {
        var s = spots[i], x = p.x + s[0] * w + (s[2] || 0), y = p.y + s[1] * h;
        var b = {left: x, right: x + w, top: y, bottom: y + h};
        if (w > 0 && x >= 0 && y >= 0 && x + w <= size.x && y + h <= size.y
            && !taken.some(function (t) { return overlaps(b, t); })) {
          box = b;
          span.style.transform = 'translate(' + (s[0] * 100) + '%, ' + (s[1] * 100) + '%)'
            + (s[2] ? ' translateX(' + s[2] + 'px)' : '');
          break;
        }
      }
      el.style.display = box ? '' : 'none';
      el.setAttribute('data-shown', box ? '1' : '0');
      if (box) { taken.push(box); }
    });
  }
  map.dashDeclutter = declutter;
  map.on('zoomend moveend resize', declutter);
  setTimeout(declutter, 0);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "Labels"
        self.rows = js(rows)


class Legend(MacroElement):
    """The legend as a Leaflet control at the bottom right, foldable, folded on narrow or low maps."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  var control = L.control({position: 'bottomright'});
  control.onAdd = function () {
    var div = L.DomUtil.create('div', 'dash-legend');
    div.innerHTML = {{ this.body }};
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    var details = div.querySelector('details'), touched = false;
    // folded while the map is narrow or low (a slide's map below its tiles), until someone opens it
    function fold() {
      var size = map.getSize();
      if (!touched && (size.x < {{ this.fold_px }} || size.y < {{ this.fold_high_px }})) { details.open = false; }
    }
    fold();
    map.on('resize', fold);
    details.querySelector('summary').addEventListener('click', function () { touched = true; });
    details.addEventListener('toggle', function () { map.fire('dashrefit'); });
    return div;
  };
  control.addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, body: str):
        super().__init__()
        self._name = "Legend"
        self.body, self.fold_px = js(body), int(settings.MAP_LEGEND_FOLD_PX)
        self.fold_high_px = int(settings.MAP_LEGEND_FOLD_HEIGHT_PX)


class FitFrame(MacroElement):
    """Keeps Leaflet's size equal to its element's (after layout, on resize, when a slide or briefing mode
    stretches the frame) and fits the data inside, beside the legend, until the user pans or zooms."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  var bounds = L.latLngBounds({{ this.bounds }}), el = map.getContainer(), touched = false, queued = false;
  ['mousedown', 'wheel', 'touchstart', 'keydown', 'dblclick'].forEach(function (e) {
    el.addEventListener(e, function (ev) {
      if (!(ev.target.closest && ev.target.closest('.leaflet-control'))) { touched = true; }
    }, {passive: true});
  });
  function fit() {
    queued = false;
    map.invalidateSize({pan: false});
    var size = map.getSize();
    if (touched || !size.x || !size.y) { return; }
    var pad = [40, 30], legend = el.querySelector('.dash-legend');
    if (legend && legend.offsetWidth) {
      var w = legend.offsetWidth + 24, h = legend.offsetHeight + 30;
      // keep the data on the free side of the legend: beside it on wide maps, above it on tall ones
      if (size.x - w >= size.y - h) { pad = [w, 30]; } else { pad = [40, h]; }
    }
    map.fitBounds(bounds, {paddingTopLeft: [40, 40], paddingBottomRight: pad, animate: false});
    el.setAttribute('data-fitted', size.x + 'x' + size.y);
    if (map.dashDeclutter) { map.dashDeclutter(); }
  }
  function later() { if (!queued) { queued = true; requestAnimationFrame(fit); } }
  if (window.ResizeObserver) { new ResizeObserver(later).observe(el); }
  window.addEventListener('resize', later);
  map.on('dashrefit', later);
  fit();
  setTimeout(later, 0);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "FitFrame"
        self.bounds = js(bounds)
