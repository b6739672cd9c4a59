"""The shared filter (place, drug type, years) applied to every table."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Union

import pandas as pd

from geo import settings
from geo.data import memo, periods
from geo.data.load import Dataset
from geo.i18n import place_names, t

if TYPE_CHECKING:
    from geo.data.load import Dataset

Tables = Union[dict[str, pd.DataFrame], "Dataset"]  # anything indexable by table name


@dataclass(frozen=True)
class Filter:
    cities: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    drugs: tuple[str, ...] = ()  # drug_type codes; empty = every drug type
    years: tuple[int, int] | None = None  # inclusive (first, last) year; None = every period

    @property
    def active(self) -> bool:
        return bool(self.cities or self.counties or self.drugs or self.years)


def city_of(adcode: str) -> str:
    return adcode[:4] + "00"


RECORD_TABLES = ("figures", "seizures", "cases", "checkpoints", "demo_sites")


@memo.by_content
def city_options(jurisdictions: pd.DataFrame, tables: Tables | None = None) -> list[str]:
    """The prefectures the dashboard reports on, in their configured order, then (given the tables) every other
    prefecture that records are about, such as one a newly added report brought in (by adcode)."""
    known = set(jurisdictions["adcode"])
    focus = [c for c in settings.FOCUS_CITIES if c in known]
    if tables is None:
        return focus
    prefectures = set(jurisdictions.loc[jurisdictions["level"] == "prefecture", "adcode"])
    codes = {city_of(str(a)) for name in RECORD_TABLES for a in tables[name]["adcode"].dropna() if str(a)}
    return focus + sorted((codes & prefectures) - set(focus))


@memo.by_content
def county_options(jurisdictions: pd.DataFrame, cities: tuple[str, ...]) -> list[str]:
    """Counties of the chosen cities (of every focus city when none is chosen)."""
    chosen = cities or tuple(city_options(jurisdictions))
    counties = jurisdictions[(jurisdictions["level"] == "county") & jurisdictions["parent_adcode"].isin(chosen)]
    return counties.sort_values("adcode")["adcode"].tolist()


def drug_options(tables: Tables) -> list[str]:
    """Drug types that occur in seizures or routes, in the order of the colour palette."""
    present = set(tables["seizures"]["drug_type"]) | set(tables["routes"]["drug_type"])
    return [d for d in settings.DRUG_COLORS if d in present]


def normalise(flt: Filter, jurisdictions: pd.DataFrame) -> Filter:
    """Drop counties that no longer belong to the chosen cities."""
    allowed = set(county_options(jurisdictions, flt.cities))
    return Filter(flt.cities, tuple(c for c in flt.counties if c in allowed), flt.drugs, flt.years)


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


def dated(frame: pd.DataFrame) -> bool:
    """True for a table whose rows state periods: as dates, or only as written (checkpoints, demonstration sites)."""
    return "period_start" in frame or "period_label" in frame


@memo.by_content  # parsing the dates was a twentieth of a replica's time under load
def period_bounds(frame: pd.DataFrame, doc_dates: dict[str, str] | None = None) -> tuple[pd.Series, pd.Series]:
    """Start and end dates of each row's stated period. An open period ("今年以来") ends on its document's
    date; a period with only a start ends there. A table that writes its periods only as labels has them read
    against the document date (geo.data.periods: "2018年以来", "4月30日"). Rows with no stated period get NaT."""
    if "period_start" not in frame:
        return _label_bounds(frame, doc_dates or {})
    start = pd.to_datetime(frame["period_start"], errors="coerce")
    end = pd.to_datetime(frame["period_end"], errors="coerce")
    if doc_dates is not None and "source_file" in frame:
        end = end.fillna(pd.to_datetime(frame["source_file"].map(doc_dates), errors="coerce"))
    return start, end.fillna(start)


def _label_bounds(frame: pd.DataFrame, doc_dates: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    """Bounds of periods written only as labels; each distinct label and document is read once."""
    labels = frame["period_label"].where(frame["period_label"].notna(), None) if "period_label" in frame \
        else pd.Series(None, index=frame.index, dtype=object)
    docs = frame["source_file"].map(doc_dates) if "source_file" in frame else pd.Series(None, index=frame.index)
    keys = list(zip(labels, docs))
    spans = {key: _label_span(*key) for key in set(keys)}
    start = pd.to_datetime(pd.Series([s.start if (s := spans[k]) else None for k in keys], index=frame.index,
                                     dtype=object), errors="coerce")
    end = pd.to_datetime(pd.Series([s.end if (s := spans[k]) else None for k in keys], index=frame.index,
                                   dtype=object), errors="coerce")
    return start, end


def _label_span(label, doc) -> periods.Span | None:
    day = pd.to_datetime(doc, errors="coerce") if isinstance(doc, str) and doc else pd.NaT
    return periods.from_label(label, None if pd.isna(day) else day.date()) if isinstance(label, str) else None


def in_period(frame: pd.DataFrame, flt: Filter, doc_dates: dict[str, str] | None = None) -> pd.Series:
    """Rows whose stated period overlaps the chosen years. Tables that state no periods are not filtered;
    in a table that does, a row that states none is left out (it cannot be placed in those years)."""
    if flt.years is None or not dated(frame):
        return pd.Series(True, index=frame.index)
    start, end = period_bounds(frame, doc_dates)
    first, last = pd.Timestamp(flt.years[0], 1, 1), pd.Timestamp(flt.years[1], 12, 31)
    return (start <= last) & (end >= first)


def undated(frame: pd.DataFrame, flt: Filter, doc_dates: dict[str, str] | None = None) -> int:
    """How many rows the period filter leaves out only because they state no period it can place."""
    if flt.years is None or not dated(frame):
        return 0
    return int(period_bounds(frame, doc_dates)[0].isna().sum())


def of_drug(frame: pd.DataFrame, flt: Filter) -> pd.Series:
    """Rows of the chosen drug types; tables without a drug type are not filtered by it."""
    if not flt.drugs or "drug_type" not in frame:
        return pd.Series(True, index=frame.index)
    return frame["drug_type"].isin(flt.drugs)


def apply(frame: pd.DataFrame, flt: Filter, column: str = "adcode",
          doc_dates: dict[str, str] | None = None) -> pd.DataFrame:
    """Rows of `frame` in the chosen place, drug types and years (each where the table has that dimension)."""
    return frame[matches(frame[column], flt) & of_drug(frame, flt) & in_period(frame, flt, doc_dates)]


def routes_in(routes: pd.DataFrame, waypoints: pd.DataFrame, cases: pd.DataFrame, flt: Filter) -> pd.DataFrame:
    """Routes of the chosen drug types that pass through the selection, or whose case belongs to it."""
    routes = routes[of_drug(routes, flt)]
    if not (flt.cities or flt.counties):
        return routes
    via = set(waypoints.loc[matches(waypoints["place_ref"], flt), "route_id"])
    by_case = set(cases.loc[matches(cases["adcode"], flt), "case_id"])
    keep = routes["route_id"].isin(via) | routes["case_id"].isin(by_case)
    return routes[keep]


def doc_dates(sources: pd.DataFrame) -> dict[str, str]:
    return dict(zip(sources["source_file"], sources["doc_date"]))


def _cases_view(tables: Tables, flt: Filter, dates: dict[str, str]) -> pd.DataFrame:
    """Cases in the place and years; with drug types chosen, cases with a seizure or route of those types."""
    cases = apply(tables["cases"], flt, doc_dates=dates)
    if flt.drugs:
        seized = tables["seizures"].loc[tables["seizures"]["drug_type"].isin(flt.drugs), "case_id"]
        routes = tables["routes"][tables["routes"]["drug_type"].isin(flt.drugs)]
        keep = cases["case_id"].isin(set(seized) | set(routes["case_id"])) | cases["route_id"].isin(routes["route_id"])
        cases = cases[keep]
    return cases


def _routes_view(tables: Tables, flt: Filter, dates: dict[str, str]) -> pd.DataFrame:
    """Routes through the place, of the drug types; with years chosen, routes whose case is in those years."""
    routes = routes_in(tables["routes"], tables["route_waypoints"], tables["cases"], flt)
    if flt.years is not None:
        cases = apply(tables["cases"], Filter(years=flt.years), doc_dates=dates)
        routes = routes[routes["case_id"].isin(cases["case_id"]) | routes["route_id"].isin(cases["route_id"])]
    return routes


def view(tables: Tables, table: str, flt: Filter) -> pd.DataFrame:
    """The rows of one curated table the filter selects: what every page, chart and map shows."""
    dates = doc_dates(tables["sources"])
    if table == "cases":
        return _cases_view(tables, flt, dates)
    if table == "routes":
        return _routes_view(tables, flt, dates)
    return apply(tables[table], flt, doc_dates=dates)


def year_span(tables: Tables) -> tuple[int, int] | None:
    """First and last year any dated period touches (figures, seizures, cases, checkpoints, demonstration
    sites); None without dated rows."""
    dates = doc_dates(tables["sources"])
    years: list[int] = []
    for name in ("figures", "seizures", "cases", "checkpoints", "demo_sites"):
        start, end = period_bounds(tables[name], dates)
        years += [int(y) for y in pd.concat([start, end]).dropna().dt.year]
    return (min(years), max(years)) if years else None


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


DRUG_TABLES = ("seizures", "routes", "cases")  # the tables a drug type applies to


def selection_label(ds: Dataset, flt: Filter, lang: str) -> str:
    """The places the filter chose, by name ('衡阳市、永州市'), or 'all' when it chose none."""
    names = place_names(ds["jurisdictions"], lang)
    codes = flt.counties or flt.cities
    sep = "、" if lang == "zh" else ", "
    return sep.join(names.get(c, c) for c in codes) if codes else t("all", lang)


def years_text(flt: Filter, lang: str) -> str:
    """'2018—2021年' / '2018–2021' for the chosen years; empty for every period."""
    if not flt.years:
        return ""
    first, last = flt.years
    if lang == "zh":
        return f"{first}年" if first == last else f"{first}—{last}年"
    return str(first) if first == last else f"{first}–{last}"
