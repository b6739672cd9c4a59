"""Marks a slide puts on its map: key figures written at their places, and the route of the case it is about."""
from __future__ import annotations

from collections import defaultdict

import folium
import pandas as pd

from geo.data.load import Dataset, place_points
from geo.i18n import name_col, t
from geo.maps.base import add_labels, legend

HIGHLIGHT_COLOR = "#FFD400"  # the halo under a route a slide is about


def figure_labels(m: folium.Map, ds: Dataset, figures: tuple[tuple[str, str], ...], lang: str) -> None:
    """Key figures written on the map at their places, under the place's name: ((adcode, '破获毒品案件 340起'), …)."""
    points = place_points(ds)
    lines: dict[str, list[str]] = defaultdict(list)
    for adcode, text in figures:
        if adcode in points.index:
            lines[adcode].append(text)
    if not lines:
        return
    refs = list(lines)
    add_labels(m, pd.DataFrame({"ref": refs, "name": [f"{points.at[r, name_col(lang)]}\n" + "\n".join(lines[r])
                                                      for r in refs],
                                "lon": [float(points.at[r, "lon"]) for r in refs],
                                "lat": [float(points.at[r, "lat"]) for r in refs],
                                "priority": 0, "kind": "value", "min_zoom": 0}))


def route_highlight(m: folium.Map, ds: Dataset, routes: pd.DataFrame, lang: str) -> None:
    """A wide halo under the route(s) given, named in the legend: the route of the case a slide is about."""
    points = place_points(ds)
    way = ds["route_waypoints"][ds["route_waypoints"]["route_id"].isin(routes["route_id"])]
    for _, stops in way.sort_values(["route_id", "seq"]).groupby("route_id")["place_ref"]:
        line = [[float(points.at[r, "lat"]), float(points.at[r, "lon"])] for r in stops if r in points.index]
        if len(line) > 1:
            folium.PolyLine(line, color=HIGHLIGHT_COLOR, weight=30, opacity=0.55, interactive=False).add_to(m)
    names = [str(n) for n in routes[name_col(lang)]]
    if names:
        legend(m, t("map_highlight", lang), [(HIGHLIGHT_COLOR, "; ".join(names), "halo")])
