"""Key-figure tiles: one card per reported figure, with its period, place, change and source. No Streamlit here.

API (also used by the briefing view):
    tiles(ds, flt, lang, per_city=settings.TILES_PER_CITY) -> list[Tile]   # filtered, ordered, grouped by city
    by_city(tile_list) -> dict[str, list[Tile]]                              # city name -> its tiles, in order
Every text field is plain (unescaped) text: escape it before putting it into HTML.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import fmt, settings
from geo.charts.common import period_text, short_title
from geo.data import filters, memo
from geo.data.filters import Filter, city_of
from geo.data.schema import INDICATORS
from geo.i18n import label, place_names, t

# Which figures make a tile: the core indicators first, in one order for every city (so tiles line up across
# cities), then aggregate seizure totals. Each group gets one tile per city before any gets a second.
TILE_GROUPS: tuple[str, ...] = (*INDICATORS, "seizure")
GROUP_OF = {name: i for i, name in enumerate(TILE_GROUPS)}
BASIS = {"yoy": ("同比", "year on year"), "vs_earlier": ("较此前", "vs. an earlier period")}


@dataclass(frozen=True)
class Tile:
    city: str  # name of the city the figure belongs to (the tile group heading)
    place: str  # name of the city or county the figure is about
    label: str  # what is counted, e.g. "查获吸毒人员" / "Drug users found"
    value: str  # number with its qualifier: "300+", "约30", "≤10%", "第9名"; the change when only that is given
    unit: str  # "人" / "people"; empty when the value carries it (%, rank)
    period: str  # as written ("今年以来"), or empty when the text states none
    change: str  # "同比 +170.34%" / "+170.34% year on year", or the basis alone when value holds the change
    direction: int  # sign of the change (-1, 0, 1), for an arrow; 0 without a change
    source: str  # short title of the source document
    record_id: str  # figure_id or seizure_id, to look the quote up
    quote: str  # the verbatim source text
    lang: str = "zh"

    @property
    def text(self) -> str:
        """Value and unit as read aloud: '947人' / '947 people'."""
        if not self.unit:
            return self.value
        return f"{self.value}{self.unit}" if self.lang == "zh" else f"{self.value} {self.unit}"


def _period(row: pd.Series, lang: str) -> str:
    """As written, else the stated dates (common.period_text); empty when the text states neither."""
    text = period_text(row, lang)
    return "" if text == t("period_unstated", lang) else text


def _value_unit(value, qualifier, unit: str, lang: str) -> tuple[str, str]:
    """Number and unit apart ('947', '人'); a percentage or rank keeps its sign in the value ('90%', '第9名')."""
    if unit in ("rank", "percent"):
        return fmt.quantity(value, qualifier, unit, lang), ""
    return fmt.qualified(value, qualifier, lang), fmt.unit_label(unit, lang)


def _change(row: pd.Series, lang: str) -> tuple[str, str, int]:
    """(signed change, basis words, direction) of a figure; empty when the text gives no change."""
    if pd.isna(row.get("change_value")):
        return "", "", 0
    zh, en = BASIS.get(row.get("change_basis") or "", ("", ""))
    value = float(row["change_value"])
    return fmt.signed(value, row.get("change_unit"), lang), zh if lang == "zh" else en, (value > 0) - (value < 0)


def _figure_tile(row: pd.Series, names: dict[str, str], titles: dict[str, str], lang: str) -> Tile:
    value, unit = _value_unit(row["value"], row["qualifier"], row["unit"], lang)
    change, basis, direction = _change(row, lang)
    if value == "—" and change:  # the text gives only the change ("下降64.3%"): the change is the figure
        value, unit, change = change, "", basis
    elif change:
        change = f"{basis} {change}" if lang == "zh" else f"{change} {basis}"
    return Tile(names.get(city_of(row["adcode"]), ""), names.get(row["adcode"], row["adcode"]),
                str(row["label_zh" if lang == "zh" else "label_en"]), value, unit, _period(row, lang), change.strip(),
                direction, titles.get(row["source_file"], row["source_file"]), row["figure_id"], row["quote"], lang)


def _seizure_tile(row: pd.Series, names: dict[str, str], titles: dict[str, str], lang: str) -> Tile:
    value, unit = _value_unit(row["quantity"], row["qualifier"], row["unit"], lang)
    return Tile(names.get(city_of(row["adcode"]), ""), names.get(row["adcode"], row["adcode"]),
                t("tile_seized", lang, drug=label("drug_type", row["drug_type"], lang)), value, unit,
                _period(row, lang), "", 0, titles.get(row["source_file"], row["source_file"]), row["seizure_id"],
                row["quote"], lang)


def candidates(ds, flt: Filter) -> pd.DataFrame:
    """Figures and aggregate seizures of the filter that may become tiles, in tile order within each city."""
    figs = filters.view(ds, "figures", flt)
    core = figs["indicator"].isin(INDICATORS) if "indicator" in figs else figs["figure_id"].isna()
    figs = figs[core].assign(kind="figure", group=lambda f: f["indicator"].map(GROUP_OF))
    seized = filters.view(ds, "seizures", flt)
    seized = seized[seized["case_id"].isna()].assign(kind="seizure", group=GROUP_OF["seizure"])
    rows = pd.concat([figs, seized], ignore_index=True)
    rows["city"] = rows["adcode"].map(city_of)
    rows["county_level"] = rows["adcode"] != rows["city"]  # a city's own figures before its counties'
    rows["has_change"] = rows["change_value"].notna() if "change_value" in rows else False
    rows["start"] = pd.to_datetime(rows["period_start"], errors="coerce")
    # within a group: the city's own figure, one with a change, then the most recent period
    rows = rows.sort_values(["city", "group", "county_level", "has_change", "start"],
                            ascending=[True, True, True, False, False], na_position="last")
    rows["pass"] = rows.groupby(["city", "group"]).cumcount()
    return rows.sort_values(["city", "pass", "group"], kind="stable")


@memo.by_content  # per dataset, filter and language: a slide change asks again
def tiles(ds, flt: Filter, lang: str, per_city: int = settings.TILES_PER_CITY) -> list[Tile]:
    """Up to `per_city` tiles for each city in the filter, cities in the filter's order, never a sum of figures."""
    names = place_names(ds["jurisdictions"], lang)
    limit = 18 if lang == "zh" else 40
    titles = {s: short_title(str(ti or s), limit) for s, ti in
              zip(ds["sources"]["source_file"], ds["sources"]["title_zh" if lang == "zh" else "title_en"])}
    rows = candidates(ds, flt)
    order = {c: i for i, c in enumerate(settings.FOCUS_CITIES)}
    out: list[Tile] = []
    for city in sorted(rows["city"].unique(), key=lambda c: order.get(c, len(order))):
        for _, row in rows[rows["city"] == city].head(per_city).iterrows():
            build = _figure_tile if row["kind"] == "figure" else _seizure_tile
            out.append(build(row, names, titles, lang))
    return out


def by_city(tile_list: list[Tile]) -> dict[str, list[Tile]]:
    """Tiles grouped under their city's name, keeping their order."""
    groups: dict[str, list[Tile]] = {}
    for tile in tile_list:
        groups.setdefault(tile.city, []).append(tile)
    return groups
