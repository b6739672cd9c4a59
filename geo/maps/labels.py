"""Which places a map names, shared by the live maps and the printed ones: the four cities, the places the shown
routes start at, pass and end at, and (zoomed in, on live maps) the counties; each with a priority."""
from __future__ import annotations

import pandas as pd

from geo import settings
from geo.data.load import Dataset, place_points
from geo.i18n import name_col

# Lower is more important: a label that would overlap one of higher priority is left out.
PRIORITY = {"value": 0, "city": 1, "origin": 2, "destination": 2, "transit": 3, "county": 4}
COLUMNS = ["ref", "name", "lon", "lat", "priority", "kind", "min_zoom"]


def route_places(ds: Dataset, routes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The start, pass and end places of these routes, each once, with its most important role."""
    way = ds["route_waypoints"][ds["route_waypoints"]["route_id"].isin(routes["route_id"])]
    if way.empty:
        return pd.DataFrame(columns=COLUMNS)
    points = place_points(ds)
    way = way[way["place_ref"].isin(points.index)].assign(priority=lambda w: w["role"].map(PRIORITY).fillna(3))
    way = way.sort_values(["priority", "route_id", "seq"]).drop_duplicates("place_ref")
    pts = points.loc[way["place_ref"]]
    return pd.DataFrame({"ref": way["place_ref"].to_numpy(), "name": pts[name_col(lang)].to_numpy(),
                         "lon": pts["lon"].to_numpy(), "lat": pts["lat"].to_numpy(),
                         "priority": way["priority"].to_numpy(), "kind": "place", "min_zoom": 0})


def city_places(ds: Dataset, lang: str) -> pd.DataFrame:
    """The four cities the documents are about, at their points."""
    points = place_points(ds)
    focus = points.loc[[c for c in settings.FOCUS_CITIES if c in points.index]]
    return pd.DataFrame({"ref": focus.index, "name": focus[name_col(lang)].to_numpy(), "lon": focus["lon"].to_numpy(),
                         "lat": focus["lat"].to_numpy(), "priority": PRIORITY["city"], "kind": "city", "min_zoom": 0})


def county_places(ds: Dataset, lang: str) -> pd.DataFrame:
    """The bundled counties at a point inside each, shown from settings.MAP_COUNTY_LABEL_ZOOM on."""
    counties = ds.boundaries["counties"]
    if counties.empty:
        return pd.DataFrame(columns=COLUMNS)
    inner = counties.geometry.representative_point()
    return pd.DataFrame({"ref": counties["adcode"].to_numpy(), "name": counties[name_col(lang)].to_numpy(),
                         "lon": inner.x.to_numpy(), "lat": inner.y.to_numpy(), "priority": PRIORITY["county"],
                         "kind": "county", "min_zoom": settings.MAP_COUNTY_LABEL_ZOOM})


def map_places(ds: Dataset, routes: pd.DataFrame, lang: str, counties: bool = True,
               skip: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """Every place a map names, most important first, each place once; `skip` holds places labelled already
    (a shaded place carries its own name and figure)."""
    parts = [city_places(ds, lang), route_places(ds, routes, lang)]
    if counties:
        parts.append(county_places(ds, lang))
    frame = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame(columns=COLUMNS)
    frame = frame[~frame["ref"].isin(skip)].sort_values("priority", kind="stable").drop_duplicates("ref")
    return frame.reset_index(drop=True)
