"""The record editor's tables in the reader's language: headers as words, coded values (places, indicators, drugs,
units, qualifiers, kinds) as words, and back to the codes the data files hold. Internal columns staff never set
(metric) are left out of the view and kept as they are."""
from __future__ import annotations

import pandas as pd

from geo.data.schema import INDICATORS
from geo.i18n import LABELS, label, t

HIDDEN = ("metric",)
# column → LABELS group of its coded values (a table's own meaning of "category", "level" and "kind" first)
GROUPS = {"indicator": "indicator", "drug_type": "drug_type", "unit": "unit", "alt_unit": "unit",
          "qualifier": "qualifier", "alt_qualifier": "qualifier", "suspects_qualifier": "qualifier",
          "cash_qualifier": "qualifier", "precision": "precision", "indicator_level": "indicator_level"}
TABLE_GROUPS = {("demo_sites", "category"): "demo_category", ("cases", "level"): "case_level",
                ("checkpoints", "kind"): "checkpoint_kind"}
HEADERS = {"adcode": "intake_col_place", "indicator": "intake_col_indicator", "value": "intake_col_value",
           "quantity": "intake_col_value", "count": "intake_col_value", "qualifier": "intake_col_qualifier",
           "unit": "intake_col_unit", "drug_type": "intake_col_drug", "drug_as_written": "col_drug_as_written",
           "period_start": "intake_col_period_start", "period_end": "intake_col_period_end",
           "period_label": "intake_col_period_label", "change_value": "intake_col_change", "quote": "intake_col_quote",
           "label_zh": "intake_col_label", "category": "intake_col_category", "case_number": "intake_col_case",
           "name_zh": "col_name_zh", "name_en": "col_name_en", "source_file": "col_source_file",
           "note": "col_note", "visibility": "col_visibility", "level": "col_level", "kind": "col_kind",
           "precision": "col_precision", "suspects": "col_suspects", "indicator_level": "col_level",
           "title_zh": "col_title", "doc_date": "col_doc_date", "city_adcode": "filter_cities",
           "publisher": "col_publisher", "author": "col_author"}
# English working notes of the curators and the intake: shown to nobody in the preview of a report's new rows
NOTES = ("note", "doc_date_basis", "title_en", "label_en", "name_en", "period_label_en", "change_unit",
         "change_basis", "visibility", "metric")


def groups(table: str, columns) -> dict[str, str]:
    out = {c: g for c, g in GROUPS.items() if c in columns}
    return out | {c: g for (tb, c), g in TABLE_GROUPS.items() if tb == table and c in columns}


def words_of(group: str, lang: str) -> dict[str, str]:
    keys = INDICATORS if group == "indicator" else tuple(LABELS[group])
    return {"": ""} | {k: label(group, k, lang) for k in keys}


def to_words(frame: pd.DataFrame, table: str, lang: str, places: dict[str, str]) -> pd.DataFrame:
    """The table as staff read it: coded values as words, internal columns left out."""
    out = frame.drop(columns=[c for c in HIDDEN if c in frame.columns])
    for col, group in groups(table, out.columns).items():
        named = words_of(group, lang)
        out[col] = out[col].map(lambda v, named=named: named.get(v, v))
    if "adcode" in out:
        out["adcode"] = out["adcode"].map(lambda v: places.get(v, v))
    return out


def from_words(shown: pd.DataFrame, table: str, lang: str, places: dict[str, str]) -> pd.DataFrame:
    """The edited view back as codes (a word that is no known label is kept as typed, for the validator)."""
    out = shown.copy()
    for col, group in groups(table, out.columns).items():
        back = {v: k for k, v in words_of(group, lang).items()}
        out[col] = out[col].map(lambda v, back=back: back.get(v, v))
    if "adcode" in out:
        back_places = {v: k for k, v in places.items()}
        out["adcode"] = out["adcode"].map(lambda v: back_places.get(v, v))
    return out


def preview(frame: pd.DataFrame, table: str, lang: str, places: dict[str, str]) -> pd.DataFrame:
    """New rows as staff confirm them: words, headers in the reader's language, no working notes."""
    out = to_words(frame.drop(columns=[c for c in NOTES if c in frame.columns]), table, lang, places)
    if "city_adcode" in out:
        out["city_adcode"] = out["city_adcode"].map(lambda v: places.get(v, v))
    return out.rename(columns=headers(out.columns, lang))


def headers(columns, lang: str) -> dict[str, str]:
    """column → its header in the reader's language (columns without one keep their name)."""
    return {c: t(HEADERS[c], lang) for c in columns if c in HEADERS}
