"""Accepted proposals → rows of the data files (only the columns the current schema and file have), the new
tables' text, the source document's file and sources.csv row, and problems traced back to the proposal."""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd

from geo.data.schema import TABLES
from geo.data.tablestore import FileStore
from geo.data.validate import Problem

TABLE_PREFIX = {"cases": ("case_id", "case"), "routes": ("route_id", "route"), "figures": ("figure_id", "fig"),
                "seizures": ("seizure_id", "sz"), "demo_sites": ("record_id", "demo")}
SAVED_TABLES = tuple(TABLE_PREFIX)
NOTE = "proposed by report intake and accepted by {user}"


@dataclass(frozen=True)
class Batch:
    texts: dict[str, str]  # table → its full new text
    files: dict[str, bytes]  # path relative to the data directory → content
    where: dict[tuple[str, int], int]  # (file, line) of each new row → index of its proposal
    source_file: str


class Tables(Protocol):
    """What building rows reads: any TableStore, or one seen with unsaved changes (geo.intake.batch.Pending)."""

    def read_current(self, table: str) -> str: ...

    def source_names(self) -> list[str]: ...


def store_of(where: Path | str | Tables) -> Tables:
    """The store to read current tables from: a data folder given as a path, or any TableStore."""
    return FileStore(Path(where)) if isinstance(where, (str, Path)) else where


def source_name(text: str, where: Path | str | Tables) -> str:
    """NNN_<hash>.txt, numbered after the documents already there (the same text keeps its name)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    names = store_of(where).source_names()
    for name in names:
        if name.endswith(f"_{digest}.txt"):
            return name
    numbers = [int(m.group(1)) for name in names if name.endswith(".txt") and (m := re.match(r"(\d+)_", name))]
    return f"{max(numbers, default=-1) + 1:03d}_{digest}.txt"


def _num(value) -> str:
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def _period(rec: dict) -> dict[str, str]:
    return {k: rec.get(k) or "" for k in ("period_start", "period_end", "period_label")} | {"period_label_en": ""}


def figure_row(rec: dict, ident: str, source_file: str, note: str) -> dict[str, str]:
    ranged = rec.get("value_max") not in (None, "")
    extra = f"; range as written: {rec.get('as_written', '')}" if ranged else ""
    category = rec.get("category") if rec.get("category") in TABLES["figures"].columns[2].choices else "other"
    return {"figure_id": ident, "adcode": rec["adcode"], "category": category, "metric": rec["metric"],
            "value": "" if ranged else _num(rec.get("value")), "qualifier": rec.get("qualifier") or "exact",
            "unit": rec["unit"], **_period(rec), "change_value": _num(rec.get("change_value")),
            "change_unit": rec.get("change_unit") or "", "change_basis": rec.get("change_basis") or "",
            "label_zh": rec["label_zh"], "label_en": rec.get("label_en") or rec["label_zh"],
            "indicator": rec.get("indicator") or "", "indicator_level": target_level(rec),
            "source_file": source_file, "quote": rec["quote"], "note": note + extra}


def target_level(rec: dict) -> str:
    """部督 / 省督 of a target-case figure (written only where figures.csv has the indicator_level column)."""
    if rec.get("indicator") != "target_cases":
        return ""
    words = rec.get("label_zh") or ""
    ministry, provincial = any(w in words for w in ("部督", "公安部", "部、省督")), "省督" in words
    return {(True, True): "ministry_and_provincial", (True, False): "ministry",
            (False, True): "provincial"}.get((ministry, provincial), "unspecified")


def seizure_row(rec: dict, ident: str, source_file: str, note: str) -> dict[str, str]:
    value, unit = rec.get("value"), rec["unit"]
    if unit == "t" and value is not None:  # the data dictionary keeps seizures in kg, g or tablets
        value, unit, note = float(value) * 1000, "kg", note + f"; {rec.get('as_written', '')} written in tonnes"
    return {"seizure_id": ident, "adcode": rec["adcode"], "case_id": "", "drug_type": rec.get("drug") or "unspecified",
            "drug_as_written": rec.get("drug_as_written") or "（未写明）", "quantity": _num(value),
            "qualifier": rec.get("qualifier") or "exact", "unit": unit, "alt_quantity": _num(rec.get("alt_value")),
            "alt_qualifier": rec.get("alt_qualifier") or "", "alt_unit": rec.get("alt_unit") or "", **_period(rec),
            "source_file": source_file, "quote": rec["quote"], "note": note}


def demo_row(rec: dict, ident: str, source_file: str, note: str) -> dict[str, str]:
    category = rec.get("category") if rec.get("category") in TABLES["demo_sites"].columns[2].choices else "other"
    return {"record_id": ident, "adcode": rec["adcode"], "category": category, "level": "unspecified",
            "count": _num(rec.get("value")), "qualifier": rec.get("qualifier") or "exact",
            "period_label": rec.get("period_label") or "", "period_label_en": "", "label_zh": rec["label_zh"],
            "source_file": source_file, "quote": rec["quote"], "note": note}


def case_row(rec: dict, ident: str, source_file: str, note: str) -> dict[str, str]:
    return {"case_id": ident, "case_number": rec.get("case_no") or "", "level": rec.get("level") or "other",
            "name_zh": rec["label_zh"], "name_en": f"Case {rec.get('case_no') or ''}".strip(), "adcode": rec["adcode"],
            **_period(rec), "suspects": _num(rec.get("value")),
            "suspects_qualifier": (rec.get("qualifier") or "exact") if rec.get("value") not in (None, "") else "",
            "source_file": source_file, "quote": rec["quote"], "note": note}


def route_row(rec: dict, ident: str, source_file: str, note: str) -> dict[str, str]:
    return {"route_id": ident, "name_zh": rec["label_zh"], "name_en": rec["label_zh"],
            "drug_type": rec.get("drug") or "unspecified", "source_file": source_file, "quote": rec["quote"],
            "note": note}


def waypoint_rows(rec: dict, ident: str) -> list[dict[str, str]]:
    """The route's places in travel order: the first is the origin, the last the destination."""
    refs, written = list(rec.get("waypoints") or []), list(rec.get("waypoints_as_written") or [])
    roles = ["origin"] + ["transit"] * (len(refs) - 2) + ["destination"]
    return [{"route_id": ident, "seq": str(i + 1), "place_ref": ref, "role": role,
             "as_written": written[i] if i < len(written) else ref, "note": ""}
            for i, (ref, role) in enumerate(zip(refs, roles))]


BUILDERS = {"cases": case_row, "routes": route_row, "figures": figure_row, "seizures": seizure_row,
            "demo_sites": demo_row}


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False) if text.strip() else pd.DataFrame()


def _ident(table: str, digest: str, n: int, taken: set[str]) -> str:
    ident = f"in-{digest[:8]}-{TABLE_PREFIX[table][1]}-{n:03d}"
    while ident in taken:
        n += 1000
        ident = f"in-{digest[:8]}-{TABLE_PREFIX[table][1]}-{n:03d}"
    return ident


def _line(text: str, ident: str) -> int:
    """The physical line a row starts on (quotes may hold line breaks, so rows and lines differ)."""
    return text[:text.index(f"\n{ident},") + 1].count("\n") + 1


def build(origin: Path | str | Tables, records: list[dict], text: str, source: dict, user: str) -> Batch:
    """The new text of every table the accepted records go into, plus the document and its sources.csv row
    (`origin`: the store the tables are read from, or a data folder)."""
    ts = store_of(origin)
    source_file = source_name(text, ts)
    digest = source_file.split("_")[-1]
    texts: dict[str, str] = {}
    where: dict[tuple[str, int], int] = {}
    case_ids: dict[str | None, str] = {}
    waypoints: list[dict[str, str]] = []
    for table in SAVED_TABLES:
        chosen = [(i, r) for i, r in enumerate(records) if r.get("table") == table]
        if not chosen:
            continue
        current = _frame(ts.read_current(table))
        columns = list(current.columns) or TABLES[table].column_names
        taken = set(current[TABLE_PREFIX[table][0]]) if len(current) else set()
        rows, idents = [], {}
        for n, (i, rec) in enumerate(chosen, start=1):
            idents[ident := _ident(table, digest, n, taken)] = i
            row = BUILDERS[table](rec, ident, source_file, NOTE.format(user=user))
            if table == "cases":
                case_ids.setdefault(rec.get("case_no"), ident)
            elif "case_id" in row or table == "routes":
                row["case_id"] = case_ids.get(rec.get("case_no"), "")  # linked to a case saved with it
            waypoints += waypoint_rows(rec, ident) if table == "routes" else []
            rows.append(row)
        new = pd.concat([current, pd.DataFrame(rows).reindex(columns=columns, fill_value="")], ignore_index=True)
        texts[table] = new[columns].to_csv(index=False)
        where |= {(TABLES[table].file, _line(texts[table], ident)): i for ident, i in idents.items()}
    if waypoints:
        current = _frame(ts.read_current("route_waypoints"))
        columns = list(current.columns) or TABLES["route_waypoints"].column_names
        new = pd.concat([current, pd.DataFrame(waypoints).reindex(columns=columns, fill_value="")], ignore_index=True)
        texts["route_waypoints"] = new[columns].to_csv(index=False)
    texts["sources"], files = _sources(ts, source, source_file, text, user)
    return Batch(texts, files, where, source_file)


def _sources(ts: Tables, source: dict, source_file: str, text: str, user: str) -> tuple[str, dict[str, bytes]]:
    current = _frame(ts.read_current("sources"))
    columns = list(current.columns) or TABLES["sources"].column_names
    if len(current) and source_file in set(current["source_file"]):
        return current.to_csv(index=False), {}
    row = {"source_file": source_file, "title_zh": source.get("title_zh") or source_file,
           "doc_date": source.get("doc_date", ""), "doc_date_basis": source.get("doc_date_basis", ""),
           "city_adcode": source.get("city_adcode", ""), "note": f"added through report intake by {user}"}
    new = pd.concat([current, pd.DataFrame([row]).reindex(columns=columns, fill_value="")], ignore_index=True)
    return new[columns].to_csv(index=False), {f"sources/{source_file}": text.encode("utf-8")}


def row_problems(batch: Batch, problems: list[Problem]) -> list[dict]:
    """Each problem with the proposal (row of the review table) it comes from, where it comes from one."""
    return [{"proposal": batch.where.get((p.file, p.line or 0), ""), **p.__dict__} for p in problems]


def unverbatim(records: list[dict], text: str) -> list[int]:
    """Records whose (possibly edited) quote is not found verbatim in the text: they are never saved."""
    return [i for i, r in enumerate(records) if not r.get("quote") or r["quote"] not in text]
