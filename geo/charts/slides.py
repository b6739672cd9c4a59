"""The briefing slideshow as plain data: which slides, in what order, and what each one shows. No Streamlit here."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from geo import fmt, settings
from geo.charts import compare, tiles, timeline
from geo.charts.common import period_text
from geo.data import filters, memo
from geo.data.filters import Filter
from geo.i18n import label, name_col, place_names, t

KINDS = ("overview", "routes", "seizures", "demo", "city", "compare")


@dataclass(frozen=True)
class Slide:
    kind: str  # one of KINDS
    city: str | None = None  # adcode, for a city slide

    def filter(self, flt: Filter) -> Filter:
        """A city slide shows that city whatever the filter; the others show the current filter."""
        return Filter(cities=(self.city,)) if self.kind == "city" and self.city else flt


def parse(spec: str) -> Slide:
    """'routes' → Slide('routes'); 'city:431100' → Slide('city', '431100')."""
    kind, _, city = spec.partition(":")
    if kind not in KINDS or (kind == "city") != bool(city):
        raise ValueError(f"unknown briefing slide {spec!r}: expected one of {KINDS} (no city) or 'city:<adcode>'")
    return Slide(kind, city or None)


def slides(specs: tuple[str, ...] = settings.BRIEFING_SLIDES) -> list[Slide]:
    return [parse(s) for s in specs]


def step(index: int, count: int, delta: int) -> int:
    """The slide delta steps away, wrapping around at both ends."""
    return (index + delta) % count if count else 0


def title(slide: Slide, names: dict[str, str], lang: str) -> str:
    if slide.kind == "city":
        return names.get(slide.city or "", slide.city or "")
    return t({"overview": "key_figures", "routes": "page_routes", "seizures": "page_seizures",
              "demo": "page_demo", "compare": "page_compare"}[slide.kind], lang)


@dataclass(frozen=True)
class Message:
    """What a slide says: a headline naming what, where and when, its key number, that number's period as written
    and its own document; the slide's other documents are listed apart, as 'also on this slide'."""

    headline: str  # "永州市 近年来 侦破毒品刑事案件"
    value: str  # "1,588起"
    period: str  # the key number's period as written, or "时期未注明"
    sources: str  # the title of the key number's own document
    quote: str  # the verbatim sentence of the key number
    also: str = ""  # titles of the slide's other documents, joined
    tail: str = ""  # what follows the number: " 最多（各市时期不同，不可直接比较）"

    def text(self, lang: str) -> str:
        """The headline read as one line: '永州市 近年来 侦破毒品刑事案件 1,588起'."""
        return (f"{self.headline} {self.value}" if lang == "zh" else f"{self.headline}: {self.value}") + self.tail


def _titles(ds, files, lang: str) -> str:
    """Full document titles (the headline before any '——' subtitle), in file order, without repeats."""
    src = ds["sources"]
    titles = dict(zip(src["source_file"], src["title_zh" if lang == "zh" else "title_en"].fillna("")))
    heads = [str(titles.get(f) or "").split("——")[0].strip() for f in dict.fromkeys(files)]
    return ("；" if lang == "zh" else "; ").join(dict.fromkeys(h for h in heads if h))


def _message(ds, headline: str, value: str, period: str, row, files, lang: str, tail: str = "") -> Message:
    """A message whose number is `row`'s: its own document as the source, the slide's other `files` apart."""
    own = row["source_file"]
    others = [f for f in dict.fromkeys(files) if f != own]
    return Message(headline, value, period, _titles(ds, [own], lang), str(row["quote"]), _titles(ds, others, lang),
                   tail)


def _period(row, lang: str) -> str:
    """As written; else the stated dates, as the charts show them; else 'period not stated'."""
    return period_text(row, lang)


def _words(place: str, period: str, what: str, lang: str) -> str:
    """'永州市 近年来 侦破毒品刑事案件' / 'Yongzhou, in recent years — drug criminal cases solved'; an unstated period
    is left out of the headline (the period line says so)."""
    stated = period != t("period_unstated", lang)
    if lang == "zh":
        return " ".join(x for x in (place, period if stated else "", what) if x)
    return f"{place}{', ' + period if stated else ''} — {what}"


def _record(ds, record_id: str) -> pd.Series:
    """The figure or seizure row of a tile."""
    for frame, key in ((ds["figures"], "figure_id"), (ds["seizures"], "seizure_id")):
        rows = frame[frame[key] == record_id]
        if len(rows):
            return rows.iloc[0]
    raise KeyError(record_id)


def _figures_message(ds, flt: Filter, lang: str, per_city: int) -> Message | None:
    """Key-figure slides: the first tile (the most important figure of the first city) is the headline."""
    tile_list = tiles.tiles(ds, flt, lang, per_city=per_city)
    if not tile_list:
        return None
    ids = {k.record_id for k in tile_list}
    files = [f for frame, key in ((ds["figures"], "figure_id"), (ds["seizures"], "seizure_id"))
             for f in frame.loc[frame[key].isin(ids), "source_file"]]
    top = tile_list[0]
    period = top.period or t("period_unstated", lang)
    change, earlier = timeline.headline_change(ds, top.record_id, lang)  # what changed, when the data says
    said = _message(ds, _words(top.place, period, top.label, lang), top.text + change, period,
                    _record(ds, top.record_id), files, lang)
    return replace(said, quote="；".join(dict.fromkeys(q for q in (said.quote, earlier) if q))) if earlier else said


def _largest(frame: pd.DataFrame, column: str) -> pd.Series | None:
    values = pd.to_numeric(frame[column], errors="coerce")
    return None if values.dropna().empty else frame.loc[values.idxmax()]


def _seizures_message(ds, flt: Filter, lang: str) -> Message | None:
    """The seizure slide: the largest reported seizure total in kilograms."""
    seized = filters.view(ds, "seizures", flt)
    totals = seized[seized["case_id"].isna() & (seized["unit"] == "kg")]
    row = _largest(totals, "quantity")
    if row is None:
        return None
    names = place_names(ds["jurisdictions"], lang)
    what = t("tile_seized", lang, drug=label("drug_type", row["drug_type"], lang))
    period = _period(row, lang)
    return _message(ds, _words(names.get(row["adcode"], row["adcode"]), period, what, lang),
                    fmt.quantity(row["quantity"], row["qualifier"], "kg", lang), period, row, totals["source_file"],
                    lang)


def _demo_message(ds, flt: Filter, lang: str) -> Message | None:
    """The demonstration slide: the largest reported count."""
    demo = filters.view(ds, "demo_sites", flt)
    row = _largest(demo, "count")
    if row is None:
        return None
    names = place_names(ds["jurisdictions"], lang)
    period = _period(row, lang)
    return _message(ds, _words(names.get(row["adcode"], row["adcode"]), period,
                               label("demo_category", row["category"], lang), lang),
                    fmt.quantity(row["count"], row["qualifier"], "site", lang), period, row, demo["source_file"], lang)


def route_case(ds, flt: Filter) -> tuple[pd.Series, str] | None:
    """The largest single seizure (kg) in a case on the filter's routes, and the route it was on."""
    routes = filters.view(ds, "routes", flt)
    seized = filters.view(ds, "seizures", flt)
    cases = ds["cases"].set_index("case_id")
    route_of = {c: r for r, c in zip(routes["route_id"], routes["case_id"]) if isinstance(c, str)}
    route_of.update({c: r for c, r in cases["route_id"].items() if r in set(routes["route_id"])})
    seized = seized[seized["case_id"].isin(route_of) & (seized["unit"] == "kg")]
    row = _largest(seized, "quantity")
    return None if row is None else (row, route_of[row["case_id"]])


def _routes_message(ds, flt: Filter, lang: str) -> Message | None:
    """The routes slide: the largest single seizure in a case on the routes shown, named with its route."""
    found = route_case(ds, flt)
    if found is None:
        return None
    row, route_id = found
    routes = filters.view(ds, "routes", flt)
    cases = ds["cases"].set_index("case_id")
    route = routes.set_index("route_id").loc[route_id]
    case = cases.loc[row["case_id"]] if row["case_id"] in cases.index else None
    period = _period(case if case is not None else row, lang)
    what = t("brief_route_case", lang, route=route[name_col(lang)], drug=label("drug_type", row["drug_type"], lang))
    seized = filters.view(ds, "seizures", flt)
    files = list(routes["source_file"]) + list(seized.loc[seized["case_id"].notna(), "source_file"])
    return _message(ds, what, fmt.quantity(row["quantity"], row["qualifier"], "kg", lang), period, row, files, lang)


def _compare_message(ds, flt: Filter, lang: str) -> Message | None:
    """The comparison slide: the largest reported figure of the indicator, with its place and period as written,
    and a warning when the places' periods differ (then it is the largest number, not a ranking)."""
    indicator = settings.COMPARE_SLIDE_INDICATOR
    rows, _ = compare.compare_view(filters.view(ds, "figures", flt), flt, indicator)
    row = _largest(rows, "value")
    if row is None:
        return None
    names = dict(zip(ds["jurisdictions"]["adcode"], ds["jurisdictions"][name_col(lang)]))
    period = _period(row, lang)
    what = label("indicator", indicator, lang)
    place = names.get(row["adcode"], row["adcode"])
    stated = period != t("period_unstated", lang)
    if lang == "zh":
        headline = f"{what}：{place}{' ' + period if stated else ''}"
    else:
        headline = f"{what} — {place}{', ' + period if stated else ''}"
    tail = t("compare_most", lang) + (t("compare_most_differ", lang) if compare.periods_differ(rows) else "")
    return _message(ds, headline, compare.value_text(row, lang), period, row, rows["source_file"], lang, tail)


@memo.by_content  # per dataset, slide, filter and language: a slide change asks again
def message(ds, slide: Slide, flt: Filter, lang: str) -> Message | None:
    """What the slide says, from the records it shows; None when it shows none."""
    flt = slide.filter(flt)
    if slide.kind == "overview":
        return _figures_message(ds, flt, lang, 1)
    if slide.kind == "city":
        return _figures_message(ds, flt, lang, settings.BRIEFING_TILES_PER_CITY)
    return {"routes": _routes_message, "seizures": _seizures_message, "demo": _demo_message,
            "compare": _compare_message}[slide.kind](ds, flt, lang)


def map_figures(ds, flt: Filter, lang: str, per_city: int) -> tuple[tuple[str, str], ...]:
    """A slide's key figures as its map writes them at their places: ((adcode, '破获毒品案件 340起'), …)."""
    sep = " " if lang == "zh" else ": "
    return tuple((str(_record(ds, k.record_id)["adcode"]), f"{k.label}{sep}{k.text}")
                 for k in tiles.tiles(ds, flt, lang, per_city=per_city))


def source_titles(ds, record_ids, lang: str) -> dict[str, str]:
    """Full document title (before any '——' subtitle) of each figure or seizure record, by record id."""
    out = {}
    for frame, key in ((ds["figures"], "figure_id"), (ds["seizures"], "seizure_id")):
        rows = frame[frame[key].isin(set(record_ids))]
        out.update({r: _titles(ds, [f], lang) for r, f in zip(rows[key], rows["source_file"])})
    return out
