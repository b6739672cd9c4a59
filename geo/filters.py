"""The county/city filter applied to every table."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import settings


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
