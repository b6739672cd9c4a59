"""Display tables: figures formatted with qualifiers and units, translated headers, searchable records."""
from __future__ import annotations

import pandas as pd

from geo import fmt
from geo.charts.common import period_text
from geo.data.filters import city_of
from geo.data.schema import TABLES
from geo.i18n import label, name_col, t


def _names(jurisdictions: pd.DataFrame, lang: str) -> dict[str, str]:
    return dict(zip(jurisdictions["adcode"], jurisdictions[name_col(lang)]))


def _period(frame: pd.DataFrame, lang: str) -> pd.Series:
    """As written, else the stated dates; empty when the text states neither."""
    unstated = t("period_unstated", lang)
    return pd.Series(["" if p == unstated else p for p in (period_text(r, lang) for _, r in frame.iterrows())],
                     index=frame.index, dtype=object)


def key_figure_columns(lang: str) -> dict[str, str]:
    keys = ["place", "figure", "value", "period", "quote"]
    return {k: t(k, lang) for k in keys}


def key_figures(figures: pd.DataFrame, jurisdictions: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """Figures grouped by city, each with its place, formatted value, period and quote."""
    names = _names(jurisdictions, lang)
    frame = pd.DataFrame({
        "city": [names.get(city_of(a), a) for a in figures["adcode"]],
        "place": [names.get(a, a) for a in figures["adcode"]],
        "figure": figures["label_zh" if lang == "zh" else "label_en"].fillna(""),
        "value": [fmt.quantity(v, q, u, lang) for v, q, u in
                  zip(figures["value"], figures["qualifier"], figures["unit"])],
        "period": _period(figures, lang),
        "quote": figures["quote"],
    })
    return {city: part.drop(columns="city") for city, part in frame.groupby("city", sort=False)}


def seizure_rows(seizures: pd.DataFrame, jurisdictions: pd.DataFrame, cases: pd.DataFrame,
                 lang: str) -> pd.DataFrame:
    names = _names(jurisdictions, lang)
    case_names = dict(zip(cases["case_id"], cases[name_col(lang)]))
    return pd.DataFrame({
        t("place", lang): [names.get(a, a) for a in seizures["adcode"]],
        t("case", lang): [case_names.get(c, "") if isinstance(c, str) else "" for c in seizures["case_id"]],
        t("drug", lang): [label("drug_type", d, lang) for d in seizures["drug_type"]],
        t("quantity", lang): [fmt.quantity(q, ql, u, lang) for q, ql, u in
                              zip(seizures["quantity"], seizures["qualifier"], seizures["unit"])],
        t("period", lang): _period(seizures, lang).tolist(),
        t("quote", lang): seizures["quote"].tolist(),
    })


def case_rows(cases: pd.DataFrame, jurisdictions: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = _names(jurisdictions, lang)
    return pd.DataFrame({
        t("case", lang): cases[name_col(lang)].tolist(),
        t("level", lang): [label("case_level", v, lang) for v in cases["level"]],
        t("place", lang): [names.get(a, a) for a in cases["adcode"]],
        t("period", lang): _period(cases, lang).tolist(),
        t("suspects", lang): [fmt.quantity(v, q, "person", lang) if pd.notna(v) else "" for v, q in
                              zip(cases["suspects"], cases["suspects_qualifier"])],
        t("vehicles", lang): cases["vehicles"].astype("string").fillna("").tolist(),
        t("cash", lang): cases["cash_as_written"].fillna("").tolist(),
        t("quote", lang): cases["quote"].tolist(),
    })


def all_records(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every record with provenance in one frame: table, id, adcode, a summary, source and quote."""
    parts = []
    for name, spec in TABLES.items():
        if not spec.provenance:
            continue
        frame = tables[name]
        summary = frame.drop(columns=["quote", "source_file", spec.key], errors="ignore").astype("string")
        parts.append(pd.DataFrame({
            "table": name, "id": frame[spec.key], "adcode": frame.get("adcode", pd.Series("", index=frame.index)),
            "summary": summary.apply(lambda r: " · ".join(v for v in r if isinstance(v, str) and v), axis=1),
            "source_file": frame["source_file"], "quote": frame["quote"]}))
    return pd.concat(parts, ignore_index=True)


def search(records: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose summary, quote, id or place contains every word of the query (case-insensitive)."""
    if not query.strip():
        return records
    hay = (records["summary"].fillna("") + " " + records["quote"].fillna("") + " " + records["id"].fillna("")
           + " " + records["adcode"].fillna("")).str.lower()
    mask = pd.Series(True, index=records.index)
    for word in query.lower().split():
        mask &= hay.str.contains(word, regex=False)
    return records[mask]
