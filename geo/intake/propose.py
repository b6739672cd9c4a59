"""One call from a report's text to its proposals: the date and place of the document, then every record."""
from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo import settings
from geo.intake import context, dates, extract
from geo.intake.places import Gazetteer
from geo.intake.source import IntakeError
from geo.intake.text import prepare

PUBLIC_FIELDS = ("table", "indicator", "metric", "category", "label_zh", "label_en", "value", "value_max", "unit",
                 "qualifier", "alt_value", "alt_unit", "alt_qualifier", "drug", "drug_as_written", "as_written",
                 "adcode", "place_zh", "period_start", "period_end", "period_label", "change_value", "change_unit",
                 "change_basis", "case_no", "level", "waypoints", "waypoints_as_written", "quote", "quote_start",
                 "quote_end", "confidence", "why", "learned")


@lru_cache(maxsize=4)
def _gazetteer(path: str, mtime: float) -> Gazetteer:
    return Gazetteer(pd.read_csv(path, dtype=str, keep_default_na=False))


def gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of the data directory's jurisdictions.csv (rebuilt when the file changes)."""
    path = Path(data_dir or settings.data_dir()) / "jurisdictions.csv"
    return _gazetteer(str(path), path.stat().st_mtime)


def title_of(text: str) -> str:
    """The first short non-empty line: the headline of most reports."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    short = [ln for ln in lines[:8] if len(ln) <= 60]
    return (short or lines or [""])[0][:60]


def document_date(flat: str, given: date | None) -> tuple[date | None, str, list[str]]:
    if given is not None:
        return given, "given (--date)", []
    found, how = dates.from_text(flat)
    if found is None:
        return None, "", ["no date given and none found in the text: periods such as 今年 are left unresolved"]
    return found, f"from the text: {how}", [f"document date {found.isoformat()} taken from the text ({how})"]


def propose_text(text: str, name: str, doc_date: date | None = None, place: str | None = None,
                 data_dir: Path | None = None, learned: list | None = None) -> dict:
    """{"source": {...}, "records": [...], "messages": [...]} for one report's text; `learned` are the learned
    vocabulary entries (geo.intake.learned) to apply."""
    if not text.strip():
        raise IntakeError(f"{name}: the file is empty")
    gaz = gazetteer(data_dir)
    if place and place not in gaz.level:
        raise IntakeError(f"--place {place}: not an adcode in jurisdictions.csv")
    doc = prepare(text)
    when, basis, messages = document_date(doc.flat, doc_date)
    default = place or context.default_place(gaz, doc.flat, gaz.mentions(doc.flat))
    if not place:
        messages.append(f"default place {default or '(none)'} {gaz.name.get(default, '')}: the place the text "
                        "names most often")
    records = [{k: r.get(k) for k in PUBLIC_FIELDS} for r in extract.propose(doc, when, default, gaz, learned or ())]
    if not records:
        raise IntakeError(f"{name}: no figures found (a number with a unit such as 起, 人, 公斤)")
    source = {"file": name, "title_zh": title_of(text), "doc_date": when.isoformat() if when else "",
              "doc_date_basis": basis, "city_adcode": gaz.city_of(default) if default else "",
              "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "chars": len(text),
              "default_place": default}
    return {"source": source, "records": records, "messages": messages}
