"""Interactive maps: the offline basemap and framing (`base`), the layers drawn on it (`layers`), the map of
each page (`pages`), the GCJ-02 ⇄ WGS-84 shift (`coords`) and the local Leaflet assets (`offline`).

May import: `geo.data` and the basics. Never charts, exports or ui.
"""
