"""Press files: chart images through a warm Chromium (`press`), printed maps drawn with matplotlib
(`static_maps`, with legend, scale bar and north arrow in `furniture`), and the briefing pack (`pack`).

May import: `geo.maps`, `geo.charts`, `geo.data` and the basics. Never ui.
"""
