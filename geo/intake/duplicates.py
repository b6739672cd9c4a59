"""Likely duplicates among proposals: a figure already in the data (a report re-sent after an edit, a batch that
overlaps what was saved) or proposed twice in one batch. Matched on place, indicator or metric, unit, period and
value; a match is only marked, never dropped: staff decide."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

ID_COLUMNS = {"figures": "figure_id", "seizures": "seizure_id", "demo_sites": "record_id", "cases": "case_id"}
SEIZURE_UNITS = {"t": ("kg", 1000)}  # saved seizures are in kg: a proposal in tonnes is compared in kg


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def _number(value) -> str:
    """A value as a comparable string: 340, 340.0 and "340" are the same figure; empty stays empty."""
    text = _text(value)
    if not text:
        return ""
    try:
        return repr(round(float(text), 6))
    except ValueError:
        return text


def _period(row: Mapping) -> tuple[str, str]:
    """Dates where they are given, else the period as written."""
    start, end = _text(row.get("period_start")), _text(row.get("period_end"))
    return (start, end) if start or end else (_text(row.get("period_label")), "")


def figure_key(row: Mapping) -> tuple:
    what = _text(row.get("indicator")) or _text(row.get("metric"))
    return ("figures", _text(row.get("adcode")), what, _text(row.get("unit")), *_period(row),
            _number(row.get("value")), _number(row.get("change_value")))


def seizure_key(row: Mapping, proposal: bool = False) -> tuple:
    value, unit = row.get("value" if proposal else "quantity"), _text(row.get("unit"))
    if proposal and unit in SEIZURE_UNITS and value is not None and _number(value):
        unit, factor = SEIZURE_UNITS[unit]
        value = float(value) * factor
    drug = _text(row.get("drug" if proposal else "drug_type")) or "unspecified"
    return ("seizures", _text(row.get("adcode")), drug, unit, *_period(row), _number(value))


def demo_key(row: Mapping, proposal: bool = False) -> tuple:
    category = _text(row.get("category"))
    return ("demo_sites", _text(row.get("adcode")), category, _text(row.get("period_label")),
            _number(row.get("value" if proposal else "count")))


def case_key(row: Mapping, proposal: bool = False) -> tuple:
    number = _text(row.get("case_no" if proposal else "case_number"))
    return ("cases", number) if number else ()


def key(table: str, row: Mapping, proposal: bool) -> tuple:
    """The fields two records must share to be the same figure; () for a record that is never matched."""
    if table == "figures":
        return figure_key(row) if _number(row.get("value")) or _number(row.get("change_value")) else ()
    if table == "seizures":
        return seizure_key(row, proposal)
    if table == "demo_sites":
        return demo_key(row, proposal)
    return case_key(row, proposal) if table == "cases" else ()


def existing(tables: Mapping[str, pd.DataFrame]) -> dict[tuple, dict]:
    """Key → the first saved record with it (its id, source document and quote)."""
    out: dict[tuple, dict] = {}
    for table, ident in ID_COLUMNS.items():
        frame = tables.get(table)
        if frame is None or not len(frame):
            continue
        for row in frame.to_dict("records"):
            k = key(table, row, proposal=False)
            if k and k not in out:
                out[k] = {"kind": "data", "record": _text(row.get(ident)), "source_file": _text(row.get("source_file")),
                          "quote": _text(row.get("quote"))}
    return out


def find(records: list[dict], tables: Mapping[str, pd.DataFrame]) -> list[dict | None]:
    """For each proposal: the saved record it repeats, else the earlier proposal of the batch it repeats, else None."""
    saved = existing(tables)
    seen: dict[tuple, dict] = {}
    out: list[dict | None] = []
    for i, rec in enumerate(records):
        k = key(rec.get("table") or "", rec, proposal=True)
        if not k:
            out.append(None)
            continue
        out.append(saved.get(k) or seen.get(k))
        seen.setdefault(k, {"kind": "batch", "record": str(i + 1), "source_file": "", "quote": rec.get("quote") or ""})
    return out
