"""Display tables: figures formatted with qualifiers and units, translated headers, searchable records."""
from __future__ import annotations

import pandas as pd

from geo import fmt
from geo.charts.common import period_text
from geo.data.filters import city_of
from geo.data.schema import TABLES
from geo.i18n import label, name_col, place_names, t


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
    names = place_names(jurisdictions, lang)
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
    names = place_names(jurisdictions, lang)
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
    names = place_names(jurisdictions, lang)
    return pd.DataFrame({
        t("case", lang): cases[name_col(lang)].tolist(),
        t("level", lang): [label("case_level", v, lang) for v in cases["level"]],
        t("place", lang): [names.get(a, a) for a in cases["adcode"]],
        t("period", lang): _period(cases, lang).tolist(),
        t("suspects", lang): [fmt.quantity(v, q, "person", lang) if pd.notna(v) else "" for v, q in
                              zip(cases["suspects"], cases["suspects_qualifier"])],
        t("vehicles", lang): cases["vehicles"].astype("string").fillna("").tolist(),
        t("cash", lang): cases["cash_as_written"].fillna("").tolist() if lang == "zh" else
        [fmt.quantity(v, q, "yuan", lang) if pd.notna(v) else "" for v, q in
         zip(cases["cash_cny"], cases["cash_qualifier"])],
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
    columns = [c for c in ("summary", "quote", "id", "adcode", "place", "said", "title") if c in records]
    hay = records[columns].fillna("").astype(str).agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=records.index)
    for word in query.lower().split():
        mask &= hay.str.contains(word, regex=False)
    return records[mask]


TABLE_KEYS = {"figures": "tbl_figures", "seizures": "tbl_seizures", "cases": "tbl_cases", "routes": "tbl_routes",
              "checkpoints": "tbl_checkpoints", "demo_sites": "tbl_demo_sites", "places": "tbl_places"}


def _said(row: pd.Series, table: str, lang: str) -> str:
    """What one record says, in words: '侦破毒品刑事案件 1,588起' rather than its columns joined."""
    name = row.get(name_col(lang))
    if table == "figures":
        what = row["label_zh" if lang == "zh" else "label_en"]
        return f"{what} {fmt.quantity(row['value'], row['qualifier'], row['unit'], lang)}"
    if table == "seizures":
        what = t("tile_seized", lang, drug=label("drug_type", row["drug_type"], lang))
        return f"{what} {fmt.quantity(row['quantity'], row['qualifier'], row['unit'], lang)}"
    if table == "cases":
        return f"{name} · {label('case_level', row['level'], lang)}"
    if table == "checkpoints":
        return f"{name} · {label('checkpoint_kind', row['kind'], lang)}"
    if table == "demo_sites":
        count = fmt.quantity(row["count"], row["qualifier"], None, lang)
        return f"{label('demo_category', row['category'], lang)} {count}"
    return str(name or "")


def readable_records(records: pd.DataFrame, data: dict[str, pd.DataFrame], lang: str) -> pd.DataFrame:
    """The records of all_records as people read them: kind of record, place name, what it says, period as written,
    document title and quote (no table names, ids, adcodes or file names)."""
    names = place_names(data["jurisdictions"], lang)
    titles = dict(zip(data["sources"]["source_file"],
                      data["sources"]["title_zh" if lang == "zh" else "title_en"].fillna("")))
    rows = []
    for rec in records.itertuples():
        spec = TABLES[rec.table]
        frame = data[rec.table]
        match = frame[frame[spec.key] == rec.id]
        row = match.iloc[0] if len(match) else pd.Series(dtype=object)
        place = names.get(rec.adcode, "") if isinstance(rec.adcode, str) else ""
        period = _period(match, lang).iloc[0] if len(match) and "period_label" in match else ""
        rows.append({"kind": t(TABLE_KEYS.get(rec.table, "record"), lang),
                     "place": place or (str(row.get(name_col(lang)) or "") if rec.table == "places" else ""),
                     "said": _said(row, rec.table, lang) if len(match) else "",
                     "period": period or (t("period_unstated", lang) if "period_label" in frame else ""),
                     "title": titles.get(rec.source_file) or "", "quote": rec.quote,
                     "summary": rec.summary, "id": rec.id, "adcode": rec.adcode})
    return pd.DataFrame(rows, columns=["kind", "place", "said", "period", "title", "quote", "summary", "id", "adcode"])
