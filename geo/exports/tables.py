"""Press tables: what a chart shows, as CSV/XLSX that Excel and LibreOffice read as numbers.

A number is a number: one numeric column per unit, the unit in its header ('数量（公斤）' / 'Quantity (kg)'), and the
qualifier ('以上', '约') in a column of its own, so a reader can sort and sum where that is right and still see that
'800+' meant 'more than 800'. Periods stay as written; no record is added to another.
"""
from __future__ import annotations

import pandas as pd

from geo import fmt
from geo.charts.common import period_text
from geo.data.filters import city_of
from geo.i18n import label, name_col, t

QUALIFIER_WORDS = {"plus": ("以上", "or more"), "about": ("约", "about"), "at_most": ("不超过", "at most")}

def qualifier_words(qualifier, lang: str) -> str:
    pair = QUALIFIER_WORDS.get(qualifier) if isinstance(qualifier, str) else None
    return "" if pair is None else pair[0] if lang == "zh" else pair[1]


def unit_header(what: str, unit: str, lang: str) -> str:
    """'数量（公斤）' / 'Quantity (kg)'; a unit with no words of its own (rank in English) is named by its code."""
    words = fmt.unit_label(unit, lang) or unit
    return f"{what}（{words}）" if lang == "zh" else f"{what} ({words})"


def numbers(values: pd.Series, qualifiers: pd.Series, units: pd.Series, lang: str, what: str) -> pd.DataFrame:
    """One float column per unit (in order of first use; blank where a row has another unit or no value), then the
    qualifier column."""
    units = units.fillna("other").astype(str)
    out = pd.DataFrame(index=values.index)
    for unit in dict.fromkeys(units):
        out[unit_header(what, unit, lang)] = pd.to_numeric(values.where(units == unit), errors="coerce").astype(float)
    out[t("xl_qualifier", lang)] = [qualifier_words(q, lang) for q in qualifiers]
    return out


def _names(jurisdictions: pd.DataFrame, lang: str) -> dict[str, str]:
    return dict(zip(jurisdictions["adcode"], jurisdictions[name_col(lang)]))


def _periods(frame: pd.DataFrame, lang: str) -> list[str]:
    return [period_text(r, lang) for _, r in frame.iterrows()]


def _titles(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    col = "title_zh" if lang == "zh" else "title_en"
    return {s: str(ti) if isinstance(ti, str) and ti else str(z) for s, ti, z in
            zip(sources["source_file"], sources[col], sources["title_zh"])}


def figure_table(figures: pd.DataFrame, jurisdictions: pd.DataFrame, sources: pd.DataFrame,
                 lang: str) -> pd.DataFrame:
    """Reported figures: city, place, what, the value per unit, qualifier, reported change in %, period, document,
    quote."""
    names, titles = _names(jurisdictions, lang), _titles(sources, lang)
    head = pd.DataFrame({
        t("xl_city", lang): [names.get(city_of(a), a) for a in figures["adcode"]],
        t("place", lang): [names.get(a, a) for a in figures["adcode"]],
        t("figure", lang): figures["label_zh" if lang == "zh" else "label_en"].fillna(figures["metric"]).tolist(),
    }, index=figures.index)
    value = numbers(figures["value"], figures["qualifier"], figures["unit"], lang, t("value", lang))
    change = pd.to_numeric(figures["change_value"].where(figures["change_unit"] == "percent"), errors="coerce")
    tail = pd.DataFrame({unit_header(t("change", lang), "percent", lang): change.astype(float),
                         t("period", lang): _periods(figures, lang),
                         t("source", lang): [titles.get(s, s) for s in figures["source_file"]],
                         t("quote", lang): figures["quote"].tolist()}, index=figures.index)
    if tail.iloc[:, 0].isna().all():
        tail = tail.iloc[:, 1:]
    return pd.concat([head, value, tail], axis=1).reset_index(drop=True)


def seizure_table(seizures: pd.DataFrame, jurisdictions: pd.DataFrame, cases: pd.DataFrame,
                  sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Seizures: place, case, drug, the quantity per unit ('数量（公斤）', '数量（粒）'), qualifier, period, document,
    quote."""
    names, titles = _names(jurisdictions, lang), _titles(sources, lang)
    case_names = dict(zip(cases["case_id"], cases[name_col(lang)]))
    head = pd.DataFrame({
        t("place", lang): [names.get(a, a) for a in seizures["adcode"]],
        t("case", lang): [case_names.get(c, "") if isinstance(c, str) else "" for c in seizures["case_id"]],
        t("drug", lang): [label("drug_type", d, lang) for d in seizures["drug_type"]],
    }, index=seizures.index)
    amount = numbers(seizures["quantity"], seizures["qualifier"], seizures["unit"], lang, t("quantity", lang))
    tail = pd.DataFrame({t("period", lang): _periods(seizures, lang),
                         t("source", lang): [titles.get(s, s) for s in seizures["source_file"]],
                         t("quote", lang): seizures["quote"].tolist()}, index=seizures.index)
    return pd.concat([head, amount, tail], axis=1).reset_index(drop=True)


def demo_table(demo: pd.DataFrame, jurisdictions: pd.DataFrame, sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Demonstration sites: place, category, the count, qualifier, period, document, quote."""
    names, titles = _names(jurisdictions, lang), _titles(sources, lang)
    head = pd.DataFrame({t("place", lang): [names.get(a, a) for a in demo["adcode"]],
                         t("category", lang): [label("demo_category", c, lang) for c in demo["category"]]},
                        index=demo.index)
    count = numbers(demo["count"], demo["qualifier"], pd.Series("site", index=demo.index), lang, t("count", lang))
    tail = pd.DataFrame({t("period", lang): _periods(demo, lang),
                         t("source", lang): [titles.get(s, s) for s in demo["source_file"]],
                         t("quote", lang): demo["quote"].tolist()}, index=demo.index)
    return pd.concat([head, count, tail], axis=1).reset_index(drop=True)


def sources_sheet(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The source documents as readers name them: title, publisher, date (no file names, no curator notes)."""
    return pd.DataFrame({t("name", lang): list(_titles(sources, lang).values()),
                         t("publisher", lang): sources["publisher"].fillna("").tolist(),
                         t("xl_date", lang): sources["doc_date"].fillna("").tolist()})


def record_table(ds, record_ids: list[str], lang: str) -> pd.DataFrame:
    """The figure and seizure records of these ids (the key-figure tiles), in that order, as one figure table: a
    seizure reads as '缴获冰毒' with its quantity in the unit's column."""
    figures = ds["figures"][ds["figures"]["figure_id"].isin(record_ids)].assign(_id=lambda f: f["figure_id"])
    seized = ds["seizures"][ds["seizures"]["seizure_id"].isin(record_ids)]
    words = [t("tile_seized", lang, drug=label("drug_type", d, lang)) for d in seized["drug_type"]]
    seized = seized.assign(_id=seized["seizure_id"], value=seized["quantity"], label_zh=words, label_en=words,
                           metric="seizure", change_value=float("nan"), change_unit=None)
    rows = pd.concat([figures, seized], ignore_index=True)
    rows = rows.set_index("_id").loc[[i for i in record_ids if i in set(rows["_id"])]].reset_index(drop=True)
    return figure_table(rows, ds["jurisdictions"], ds["sources"], lang)
