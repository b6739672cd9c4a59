"""The briefing slideshow as plain data: which slides, in what order, and what each one shows. No Streamlit here."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import fmt, settings
from geo.charts import compare, tiles
from geo.charts.common import period_text
from geo.data import filters, memo
from geo.data.filters import Filter
from geo.i18n import label, name_col, t

KINDS = ("overview", "routes", "seizures", "demo", "city", "compare")


@dataclass(frozen=True)
class Slide:
    kind: str  # one of KINDS
    city: str | None = None  # adcode, for a city slide

    def filter(self, flt: Filter) -> Filter:
        """A city slide shows that city whatever the filter; the others show the current filter."""
        return Filter(cities=(self.city,)) if self.kind == "city" else flt


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
    """What a slide says: a headline naming what, where and when, its key number, the period as written and the
    sources of the records on the slide."""

    headline: str  # "永州市 近年来 侦破毒品刑事案件"
    value: str  # "1,588起"
    period: str  # as written, or "时期未注明"
    sources: str  # titles of the documents behind the slide, joined
    quote: str  # the verbatim sentence of the key number

    def text(self, lang: str) -> str:
        """The headline read as one line: '永州市 近年来 侦破毒品刑事案件 1,588起'."""
        return f"{self.headline} {self.value}" if lang == "zh" else f"{self.headline}: {self.value}"


def _titles(ds, files, lang: str) -> str:
    """Full document titles (the headline before any '——' subtitle), in file order, without repeats."""
    src = ds["sources"]
    titles = dict(zip(src["source_file"], src["title_zh" if lang == "zh" else "title_en"].fillna("")))
    heads = [str(titles.get(f) or "").split("——")[0].strip() for f in dict.fromkeys(files)]
    return ("；" if lang == "zh" else "; ").join(h for h in heads if h)


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


def _tile_message(ds, tile_list: list, files: list[str], lang: str) -> Message | None:
    if not tile_list:
        return None
    top = tile_list[0]
    period = top.period or t("period_unstated", lang)
    return Message(_words(top.place, period, top.label, lang), top.text, period, _titles(ds, files, lang), top.quote)


def _figures_message(ds, flt: Filter, lang: str, per_city: int) -> Message | None:
    """Key-figure slides: the first tile (the most important figure of the first city) is the headline."""
    tile_list = tiles.tiles(ds, flt, lang, per_city=per_city)
    ids = {k.record_id for k in tile_list}
    files = [f for frame, key in ((ds["figures"], "figure_id"), (ds["seizures"], "seizure_id"))
             for f in frame.loc[frame[key].isin(ids), "source_file"]]
    return _tile_message(ds, tile_list, files, lang)


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
    names = dict(zip(ds["jurisdictions"]["adcode"], ds["jurisdictions"][name_col(lang)]))
    what = t("tile_seized", lang, drug=label("drug_type", row["drug_type"], lang))
    period = _period(row, lang)
    return Message(_words(names.get(row["adcode"], row["adcode"]), period, what, lang),
                   fmt.quantity(row["quantity"], row["qualifier"], "kg", lang), period,
                   _titles(ds, totals["source_file"], lang), row["quote"])


def _demo_message(ds, flt: Filter, lang: str) -> Message | None:
    """The demonstration slide: the largest reported count."""
    demo = filters.view(ds, "demo_sites", flt)
    row = _largest(demo, "count")
    if row is None:
        return None
    names = dict(zip(ds["jurisdictions"]["adcode"], ds["jurisdictions"][name_col(lang)]))
    period = _period(row, lang)
    return Message(_words(names.get(row["adcode"], row["adcode"]), period,
                          label("demo_category", row["category"], lang), lang),
                   fmt.quantity(row["count"], row["qualifier"], "site", lang), period,
                   _titles(ds, demo["source_file"], lang), row["quote"])


def _routes_message(ds, flt: Filter, lang: str) -> Message | None:
    """The routes slide: the largest single seizure in a case on the routes shown, named with its route."""
    routes = filters.view(ds, "routes", flt)
    seized = filters.view(ds, "seizures", flt)
    cases = ds["cases"].set_index("case_id")
    route_of = {c: r for r, c in zip(routes["route_id"], routes["case_id"]) if isinstance(c, str)}
    route_of.update({c: r for c, r in cases["route_id"].items() if r in set(routes["route_id"])})
    seized = seized[seized["case_id"].isin(route_of) & (seized["unit"] == "kg")]
    row = _largest(seized, "quantity")
    if row is None:
        return None
    route = routes.set_index("route_id").loc[route_of[row["case_id"]]]
    case = cases.loc[row["case_id"]] if row["case_id"] in cases.index else None
    period = _period(case if case is not None else row, lang)
    what = t("brief_route_case", lang, route=route[name_col(lang)], drug=label("drug_type", row["drug_type"], lang))
    files = list(routes["source_file"]) + list(seized["source_file"])
    return Message(what, fmt.quantity(row["quantity"], row["qualifier"], "kg", lang), period,
                   _titles(ds, files, lang), row["quote"])


def _compare_message(ds, flt: Filter, lang: str) -> Message | None:
    """The comparison slide: which indicator, how many places report it, and whether their periods differ."""
    indicator = settings.COMPARE_SLIDE_INDICATOR
    rows, _ = compare.compare_view(ds["figures"], flt, indicator)
    if rows.empty:
        return None
    period = t("compare_differ" if compare.periods_differ(rows) else "compare_same", lang)
    what = t("compare_title", lang, indicator=label("indicator", indicator, lang))
    quotes = "；".join(dict.fromkeys(str(q) for q in rows["quote"] if isinstance(q, str)))
    return Message(what, t("compare_places", lang, n=str(len(rows))), period,
                   _titles(ds, rows["source_file"], lang), quotes)


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


def source_titles(ds, record_ids, lang: str) -> dict[str, str]:
    """Full document title (before any '——' subtitle) of each figure or seizure record, by record id."""
    out = {}
    for frame, key in ((ds["figures"], "figure_id"), (ds["seizures"], "seizure_id")):
        rows = frame[frame[key].isin(set(record_ids))]
        out.update({r: _titles(ds, [f], lang) for r, f in zip(rows[key], rows["source_file"])})
    return out
