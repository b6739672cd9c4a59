"""Named cases (部督“2016-361”特大毒品目标案件) and trafficking routes (从缅甸经云南到湖南衡阳) of a document."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo import settings
from geo.intake.places import Gazetteer
from geo.intake.text import Doc, clause_bounds, sentences

CASE_RE = re.compile(r"(?P<level>部督|省督|公安部|省公安厅)?[“\"](?P<no>\d{4}[-·.．]\d{1,4}(?:[-·.．]\d{1,4})?)[”\"]"
                     r"(?P<name>[^，。；,;“”]{0,20}?案(?:件)?)")
LEVELS = {"部督": "ministry_target", "公安部": "ministry_target", "省督": "provincial_target",
          "省公安厅": "provincial_target"}
ROUTE_RE = re.compile(r"从(?!而)(?P<a>[^，。；经从]{2,12}?)(?:途?经(?P<b>[^，。；]{2,24}?))?"
                      r"(?:到|至|向|运往|运至|流入|进入|贩往|销往|发往)(?P<c>[^，。；的]{2,12}?)(?=贩|运|的|，|。|等|$)")
SUSPECTS_WHY = "; suspects from the figure after it"
MAX_QUOTE = 200  # characters; the data dictionary's longest quote
ROUTE_WORDS = ("通道", "路线", "线路", "渠道", "贩运", "运输", "走私")


@lru_cache(maxsize=4)
def _abroad(path: str, mtime: float) -> tuple[tuple[str, str], ...]:
    """(name, place_id) of the places.csv entries that are not Chinese jurisdictions (countries, regions)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = frame[frame["kind"].isin(["country", "region"])]
    return tuple(sorted(zip(frame["name_zh"], frame["place_id"]), key=lambda p: -len(p[0])))


def abroad(data_dir: Path | None = None) -> tuple[tuple[str, str], ...]:
    path = Path(data_dir or settings.data_dir()) / "places.csv"
    return _abroad(str(path), path.stat().st_mtime) if path.exists() else ()


def level_of(match: re.Match, flat: str) -> str:
    word = match["level"] or next((w for w in LEVELS if w in match["name"]), "")
    if not word and "部督" in flat[max(0, match.start() - 6):match.start()]:
        word = "部督"
    return LEVELS.get(word, "other")


def case_numbers(doc: Doc) -> list[tuple[int, int, str, str, str]]:
    """(start, end, case number, level, name as written) of every named case, in text order."""
    flat = doc.flat
    return [(m.start(), m.end(), m["no"].replace("．", "."), level_of(m, flat), doc.quote(m.start(), m.end()))
            for m in CASE_RE.finditer(flat)]


def case_of(doc: Doc, pos: int, cases: list[tuple]) -> str | None:
    """The case a figure at pos belongs to: the last case named before it in its paragraph."""
    para = doc.paragraph(pos)
    before = [c for c in cases if c[0] <= pos and doc.paragraph(c[0]) in (para, para - 1)]
    return before[-1][2] if before else None


def case_records(doc: Doc, records: list[dict]) -> list[dict]:
    """One proposal per named case: its number, level and the suspects the figures after it report."""
    numbers = case_numbers(doc)
    for rec in records:
        rec["case_no"] = case_of(doc, rec["_at"], numbers)
    out = []
    for number in dict.fromkeys(n[2] for n in numbers):
        mentions = [n for n in numbers if n[2] == number]
        suspects = next((r for r in records if r["case_no"] == number and r["indicator"] == "suspects_arrested"), None)
        start, end, _, _, _ = ([n for n in mentions if suspects and n[0] < suspects["_at"]] or mentions)[-1]
        level = next((n[3] for n in mentions if n[3] != "other"), "other")
        found = suspects or {}
        near = bool(found) and found["quote_end"] - doc.where[start] <= MAX_QUOTE
        q_end = found["quote_end"] if near else doc.where[end - 1] + 1
        out.append({**found, "table": "cases", "case_no": number, "level": level, "metric": "case",
                    "label_zh": doc.quote(start, end), "indicator": None, "value": found["value"] if near else None,
                    "unit": "person", "quote_start": doc.where[start], "quote_end": q_end, "_at": start,
                    "quote": doc.raw[doc.where[start]:q_end], "adcode": _place(number, suspects, records),
                    "why": f"named case “{number}” ({level})" + (SUSPECTS_WHY if near else "")})
    return out


def _place(number: str, suspects: dict | None, records: list[dict]) -> str:
    """Where the case belongs: that of its suspects figure, else of the first figure of the case."""
    mine = [r for r in ([suspects] if suspects else []) + records if r["case_no"] == number]
    return mine[0]["adcode"] if mine else ""


def _refs(text: str, gaz: Gazetteer, foreign: tuple[tuple[str, str], ...]) -> list[str]:
    """The most specific place of a stretch such as 湖南衡阳 or 缅甸佤邦 (names written together narrow down)."""
    found = [(text.find(name), len(name), pid) for name, pid in foreign if name in text]
    found += [(m.start, m.end - m.start, m.adcode) for m in gaz.mentions(text)]
    return [max(found)[2]] if found else []


def routes(doc: Doc, gaz: Gazetteer, data_dir: Path | None = None) -> list[dict]:
    """One proposal per route sentence: its waypoints in travel order."""
    flat, foreign, out = doc.flat, abroad(data_dir), []
    for lo, hi in sentences(doc):
        if not any(w in flat[lo:hi] for w in ROUTE_WORDS):
            continue
        for m in ROUTE_RE.finditer(flat, lo, hi):
            parts = [m["a"], *(re.split("[、和及]", m["b"]) if m["b"] else []), *re.split("[、和及]", m["c"])]
            refs = [r for part in parts for r in _refs(part, gaz, foreign)]
            if len(refs) >= 2 and len(set(refs)) == len(refs):
                c_lo, c_hi = clause_bounds(flat, m.start(), m.end(), lo, hi)
                out.append({"start": m.start(), "end": m.end(), "waypoints": refs, "as_written": parts,
                            "name_zh": doc.quote(m.start(), m.end()), "span": (c_lo, c_hi)})
    return out
