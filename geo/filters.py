"""The county/city filter applied to every table."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from geo import settings
from geo.data import Dataset


@dataclass(frozen=True)
class Filter:
    cities: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.cities or self.counties)


def city_of(adcode: str) -> str:
    return adcode[:4] + "00"


def city_options(jurisdictions: pd.DataFrame) -> list[str]:
    """The prefectures the dashboard reports on, in their configured order."""
    known = set(jurisdictions["adcode"])
    return [c for c in settings.FOCUS_CITIES if c in known]


def county_options(jurisdictions: pd.DataFrame, cities: tuple[str, ...]) -> list[str]:
    """Counties of the chosen cities (of every focus city when none is chosen)."""
    chosen = cities or tuple(city_options(jurisdictions))
    counties = jurisdictions[(jurisdictions["level"] == "county") & jurisdictions["parent_adcode"].isin(chosen)]
    return counties.sort_values("adcode")["adcode"].tolist()


def normalise(flt: Filter, jurisdictions: pd.DataFrame) -> Filter:
    """Drop counties that no longer belong to the chosen cities."""
    allowed = set(county_options(jurisdictions, flt.cities))
    return Filter(flt.cities, tuple(c for c in flt.counties if c in allowed))


def matches(adcodes: pd.Series, flt: Filter) -> pd.Series:
    """Rows about the chosen counties; with only cities chosen, rows about those cities or their counties.

    A city-wide figure is not shown when a county is chosen: it is not a figure about that county.
    """
    codes = adcodes.astype("string").fillna("")
    if flt.counties:
        return codes.isin(flt.counties)
    if flt.cities:
        return codes.str.slice(0, 4).isin([c[:4] for c in flt.cities]) & ~codes.str.endswith("0000")
    return pd.Series(True, index=adcodes.index)


def apply(frame: pd.DataFrame, flt: Filter, column: str = "adcode") -> pd.DataFrame:
    return frame[matches(frame[column], flt)]


def routes_in(routes: pd.DataFrame, waypoints: pd.DataFrame, cases: pd.DataFrame, flt: Filter) -> pd.DataFrame:
    """Routes that pass through the selection, or whose case belongs to it."""
    if not flt.active:
        return routes
    via = set(waypoints.loc[matches(waypoints["place_ref"], flt), "route_id"])
    by_case = set(apply(cases, flt)["case_id"])
    keep = routes["route_id"].isin(via) | routes["case_id"].isin(by_case)
    return routes[keep]


def public_mask(frame: pd.DataFrame) -> pd.Series:
    """True for public rows: `visibility` absent, empty or "public" (anything but "internal")."""
    if "visibility" not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame["visibility"].fillna("").astype(str).str.strip().str.lower() != "internal"


def public_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a table that may be shown to the public and in press exports."""
    return frame[public_mask(frame)]


def public_dataset(ds: Dataset) -> Dataset:
    """The dataset without internal records, nor records that point at one (a case's seizures, a route's stops)."""
    tables = {name: public_only(frame) for name, frame in ds.tables.items()}
    hidden_cases = set(ds["cases"]["case_id"]) - set(tables["cases"]["case_id"])
    tables["seizures"] = tables["seizures"][~tables["seizures"]["case_id"].isin(hidden_cases)]
    known = set(tables["routes"]["route_id"])
    places = set(tables["places"]["place_id"]) | set(tables["jurisdictions"]["adcode"])
    stops = tables["route_waypoints"]
    tables["route_waypoints"] = stops[stops["route_id"].isin(known) & stops["place_ref"].isin(places)]
    return replace(ds, tables=tables, fingerprint=f"{ds.fingerprint}:public" if ds.fingerprint else "")
