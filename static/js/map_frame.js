/* The dashboard's map parts that run in the map's frame: the fetched basemap, shading and selection over it,
   permanent labels, the legend as a foldable control, a map that fills its frame and fits its data after every
   resize, and the data layers drawn from compact rows (checkpoints, routes, proportional symbols).
   geo/maps/browser.py and geo/maps/layers.py add one call per part to each map, with the part's data as JSON;
   every string in that data is HTML-escaped in Python before it is sent. Served from /app/static/js/. */
window.dashMap = (function () {
  // the stacking of what lies under the data, last drawn first: see panes()
  var UNDER = ['outline', 'veil', 'shading', 'counties', 'prefectures', 'provinces', 'countries'];

  /* A pane for labels above the data (never catching the mouse), and the stacking of what lies under the
     data. Boundaries, shading and the selection share the map's one canvas with the data, so a click finds a
     county under a route (separate canvases would swallow it); as they arrive after the data, each is moved to
     the back in turn. */
  function panes(map) {
    map.createPane('dashLabels');
    map.getPane('dashLabels').style.zIndex = 640;
    map.getPane('dashLabels').style.pointerEvents = 'none';
    map.dashUnder = {};  // name -> layer, stacked by dashRestack in UNDER order
    map.dashRestack = function () {
      UNDER.forEach(function (k) { if (map.dashUnder[k]) { map.dashUnder[k].bringToBack(); } });
    };
  }

  /* The boundary layers, created empty (so st_folium hooks their clicks) and filled from the static file
     (o.url) or from o.inline. map.dashBase is a promise of the file's data, which shading and selection wait for. */
  function basemap(map, o) {
    var layers = {};
    o.layers.forEach(function (k) {
      layers[k] = map.dashUnder[k] = L.geoJSON(null, {style: o.styles[k],
        interactive: k !== 'countries', onEachFeature: function (f, l) {
          f.properties.name = f.properties[o.nameKey];
          if (k !== 'countries') { l.bindTooltip(f.properties.name, {sticky: true}); }
        }}).addTo(map);
    });
    var source;
    if (o.inline) {
      source = Promise.resolve(o.inline);
    } else {
      // one download and one parse per page: map frames are same-origin with the page, which keeps the promise
      var shared = {};
      try { shared = window.parent.__dashBoundaries = window.parent.__dashBoundaries || {}; } catch (e) { shared = {}; }
      source = shared[o.url] = shared[o.url] || fetch(o.url, {cache: 'force-cache'})
        .then(function (r) {
          if (!r.ok) { throw new Error('boundaries: HTTP ' + r.status); }
          return r.json();
        });
      source.catch(function () { delete shared[o.url]; });
    }
    map.dashBase = source.then(function (data) {
      Object.keys(layers).forEach(function (k) { layers[k].addData(data[k]); });
      map.dashRestack();
      map.getContainer().setAttribute('data-basemap', 'loaded');
      // ms from the frame's start to a drawn basemap: what bench.maps reports as the map's own cost
      map.getContainer().setAttribute('data-drawn-ms', String(Math.round(performance.now())));
      return data;
    });
  }

  /* Places of the fetched basemap shaded by class: {adcode: [shade, tooltip html, outline only]}. A city whose
     counties are shaded too is drawn as an outline, so its figure never lies under theirs. */
  function shading(map, V) {
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
  }

  /* The chosen cities or counties outlined, and everything else dimmed by a white veil with their holes. */
  function selection(map, CODES) {
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
  }

  /* Permanent labels [lat, lon, html, priority, min zoom, kind]: hidden below their zoom, and a label that
     would touch one of higher priority (lower number), or the legend, is dropped until there is room. */
  function labels(map, rows) {
    var group = L.layerGroup().addTo(map);
    var items = rows.map(function (r) {
      var m = L.marker([r[0], r[1]], {pane: 'dashLabels', interactive: false, keyboard: false,
        icon: L.divIcon({className: 'dash-label dash-label-' + r[5], html: '<span>' + r[2] + '</span>',
                         iconSize: null})}).addTo(group);
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
    group.on('remove', function () {  // a stepped map's labels of the year before
      map.off('zoomend moveend resize', declutter);
      if (map.dashDeclutter === declutter) { map.dashDeclutter = null; }
    });
    setTimeout(declutter, 0);
    return group;
  }

  /* The legend as a Leaflet control at the bottom right, foldable, folded on narrow or low maps
     (o: body html, foldPx, foldHighPx). */
  function legend(map, o) {
    var control = L.control({position: 'bottomright'});
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'dash-legend');
      div.innerHTML = o.body;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      var details = div.querySelector('details'), touched = false;
      // folded while the map is narrow or low (a slide's map below its tiles), until someone opens it
      function fold() {
        var size = map.getSize();
        if (!touched && (size.x < o.foldPx || size.y < o.foldHighPx)) { details.open = false; }
      }
      fold();
      map.on('resize', fold);
      details.querySelector('summary').addEventListener('click', function () { touched = true; });
      details.addEventListener('toggle', function () { map.fire('dashrefit'); });
      return div;
    };
    control.addTo(map);
  }

  /* Keeps Leaflet's size equal to its element's (after layout, on resize, when a slide or briefing mode
     stretches the frame) and fits the data inside, beside the legend, until the user pans or zooms. */
  function fitFrame(map, corners) {
    var bounds = L.latLngBounds(corners), el = map.getContainer(), touched = false, queued = false;
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
      var pad = [40, 30], box = el.querySelector('.dash-legend');
      if (box && box.offsetWidth) {
        var w = box.offsetWidth + 24, h = box.offsetHeight + 30;
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
  }

  /* A popup assembled from compact rows: a title, [label, value] rows (empty values left out), a quote. */
  function popup(title, rows, quote) {
    var body = rows.filter(function (r) { return r[1]; }).map(function (r) {
      return "<tr><th style='text-align:left;padding-right:6px'>" + r[0] + "</th><td>" + r[1] + "</td></tr>";
    }).join("");
    var q = quote ? "<blockquote style='margin:6px 0;color:#333'>\u201c" + quote + "\u201d</blockquote>" : "";
    return "<div style='font-size:14px;max-width:360px'><b>" + title + "</b><table>" + body + "</table>" + q + "</div>";
  }

  /* The marker of a checkpoint row [lat, lon, kind, name, method, precision, note, quote], for the clustered
     layer (FastMarkerCluster's callback); T holds the kinds, methods, quotes and labels the rows index. */
  function checkpointMarker(T) {
    return function (row) {
      var kind = T.kinds[row[2]];
      var m = L.marker([row[0], row[1]], {icon: L.divIcon({html: kind[2], className: 'dash-checkpoint',
                                                           iconSize: [20, 20], iconAnchor: [10, 10]})});
      m.bindTooltip(row[3] + ' · ' + kind[1]);
      m.bindPopup(function () {
        return popup(row[3], [[T.labels[0], kind[1]], [T.labels[1], row[5]], [T.labels[2], T.methods[row[4]]],
                              [T.labels[3], row[6]]], T.quotes[row[7]]);
      }, {maxWidth: 380});
      return m;
    };
  }

  /* Checkpoint rows (as for checkpointMarker) in one clustered group: a stepped map's checkpoints of a year. */
  function checkpoints(map, rows, T, options) {
    var group = L.markerClusterGroup(options), marker = checkpointMarker(T);
    group.addLayers(rows.map(marker));
    return group.addTo(map);
  }

  /* All routes as one group: offset polylines with arrowheads for direction. Row: [coords, drug, weight,
     offset, title, via, total, quote, [cases]]; drug indexes T.drugs, quote T.s, cases T.cases, whose entries
     index the string table T.s. */
  function routes(map, rows, T) {
    var group = L.featureGroup();
    rows.forEach(function (r) {
      var drug = T.drugs[r[1]];
      var line = L.polyline(r[0], {color: drug[0], weight: r[2], opacity: 0.9, offset: r[3]});
      line.bindTooltip(r[6] ? r[4] + ' · ' + r[6] : r[4]);
      line.bindPopup(function () {
        return popup(r[4], [[T.labels[0], r[5]], [T.labels[1], drug[1]], [T.labels[2], r[6]]], T.s[r[7]])
          + r[8].map(function (i) {
            var c = T.cases[i];
            return popup(T.s[c[0]], c[1].map(function (p) { return [T.s[p[0]], T.s[p[1]]]; }), T.s[c[2]]);
          }).join('');
      }, {maxWidth: 420});
      line.addTo(group);
      L.polylineDecorator(line, {patterns: [{offset: '12%', repeat: '22%', symbol: L.Symbol.arrowHead(
        {pixelSize: 14, polygon: true, pathOptions: {stroke: false, fill: true, fillColor: drug[0], fillOpacity: 1}})}]}
      ).addTo(group);
    });
    return group.addTo(map);
  }

  /* Proportional circles from one data array: [lat, lon, radius, tooltip, popup] per place. */
  function symbols(map, rows, color) {
    var group = L.featureGroup();
    rows.forEach(function (r) {
      L.circleMarker([r[0], r[1]], {radius: r[2], color: '#222', weight: 1.5, fillColor: color,
                                    fillOpacity: 0.6}).bindTooltip(r[3]).bindPopup(r[4], {maxWidth: 400}).addTo(group);
    });
    return group.addTo(map);
  }

  /* A map that steps through years (geo/maps/steps.py): window.dashStep(calls) replaces the last year's layers
     by this year's, each call [part, ...its data] drawn by the part of that name. The map, its basemap and its
     view stay; data-step-places counts what the first call draws. */
  var STEPPED = {symbols: symbols, routes: routes, checkpoints: checkpoints, shading: shading, labels: labels};
  function stepper(map) {
    var shown = [];
    window.dashStep = function (calls) {
      shown.forEach(function (layer) {
        map.removeLayer(layer);
        Object.keys(map.dashUnder).forEach(function (k) { if (map.dashUnder[k] === layer) { delete map.dashUnder[k]; } });
      });
      shown = calls.filter(function (c) { return STEPPED.hasOwnProperty(c[0]); }).map(function (c) {
        return STEPPED[c[0]].apply(null, [map].concat(c.slice(1)));
      });
      var data = calls.length ? calls[0][1] : [];
      map.getContainer().setAttribute('data-step-places',
                                      String(Array.isArray(data) ? data.length : Object.keys(data).length));
      if (map.dashDeclutter) { setTimeout(map.dashDeclutter, 0); }
    };
  }

  return {panes: panes, basemap: basemap, shading: shading, selection: selection, labels: labels, legend: legend,
          fitFrame: fitFrame, popup: popup, checkpointMarker: checkpointMarker, checkpoints: checkpoints,
          routes: routes, symbols: symbols, stepper: stepper};
})();
