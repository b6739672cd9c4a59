"""Numbers that did not become a proposal: listed with their sentence under the proposals, so a reviewer sees every
figure of the report and can add one as a record in one step. Dates, ordinals and numbers inside names are not
figures and are left out."""
from __future__ import annotations

import re

from geo.intake import spots
from geo.intake.numbers import CN_DIGITS, plain, to_number
from geo.intake.text import Doc, clause_bounds, prepare, sentences

ARABIC_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
CHINESE_RE = re.compile(rf"[{CN_DIGITS}]+(?={spots._alternation(spots.UNITS)})")
DATE_AFTER = ("年", "月", "日", "时", "点", "号", "届", "·", "/", "-", ":", "：", "〕", "]", "个月", "个多月", "多月",
              "小时", "分钟", "．", "@")
DATE_BEFORE = ("第", "·", "/", "-", "编号", "号", ":", "：", "〔", "[", "@")
MAX_DIGITS = 8  # a longer run of digits is a phone number, an account or an id


def _numbers(flat: str) -> list[tuple[int, int]]:
    """Spans of Arabic numbers, and of Chinese numerals written before a unit (三名, 两起)."""
    found = [m.span() for m in ARABIC_RE.finditer(flat)]
    found += [m.span() for m in CHINESE_RE.finditer(flat) if m.group() != "一"]
    return sorted(found)


def _not_a_figure(flat: str, start: int, end: int, named: list[tuple[int, int]]) -> bool:
    before, after = flat[max(0, start - 2):start], flat[end:end + 3]
    return (after.startswith(DATE_AFTER) or before.endswith(DATE_BEFORE) or end - start > MAX_DIGITS
            or any(a <= start < b for a, b in named))


def _used(doc: Doc, start: int, end: int, records: list[dict]) -> bool:
    """A number that a proposal's quote holds and states (as its value, written form, change or case)."""
    raw_at, text = doc.where[start], doc.flat[start:end]
    for r in records:
        if not (r.get("quote_start", -1) <= raw_at < r.get("quote_end", -1)):
            continue
        written = f"{r.get('as_written') or ''} {r.get('case_no') or ''}"
        if text in prepare(written).flat or _same_value(text, r):
            return True
    return False


def _same_value(text: str, r: dict) -> bool:
    value = plain(to_number(text))
    return value is not None and value in (r.get("value"), r.get("value_max"), r.get("alt_value"),
                                           r.get("change_value"), -(r.get("change_value") or 0))


def _line_start(doc: Doc, start: int) -> bool:
    """The number opens a line or a sentence (where a list's numbering stands)."""
    raw_at = doc.where[start]
    return start == 0 or doc.raw[:raw_at].rstrip(" \t\u3000").endswith("\n") or doc.flat[start - 1] in "。；;：:"


def leftovers(text: str, records: list[dict]) -> list[dict]:
    """Every figure-like number of the text that no proposal states, with its clause and sentence (raw text)."""
    doc = prepare(text)
    named, spans, out = spots.named_spans(doc.flat), sentences(doc), []
    for start, end in _numbers(doc.flat):
        if _not_a_figure(doc.flat, start, end, named) or _used(doc, start, end, records):
            continue
        if doc.flat[end:end + 1] == "、" and _line_start(doc, start):
            continue  # 1、2、: the numbering of a list
        if any(ch.isspace() for ch in doc.quote(start, end)):
            continue  # digits on both sides of a space (a time stamp, a page number) are not one number
        lo, hi = next(s for s in spans if s[0] <= start < s[1])
        c_lo, c_hi = clause_bounds(doc.flat, start, end, lo, hi)
        out.append({"number": doc.quote(start, end), "clause": doc.quote(c_lo, c_hi), "sentence": doc.quote(lo, hi),
                    "quote_start": doc.where[c_lo], "quote_end": doc.where[c_hi - 1] + 1, "_flat": (start, end)})
    return out


def as_record(left: dict, adcode: str, place_zh: str = "") -> dict:
    """A leftover number as a figure proposal: value and unit as written, quote its clause; staff fill the rest."""
    spot = next((s for s in spots.figures(prepare(left["clause"]).flat)
                 if prepare(left["number"]).flat in prepare(left["clause"]).flat[s.start:s.end]), None)
    value = plain(spot.value if spot else to_number(prepare(left["number"]).flat))
    unit = spot.unit if spot else "other"
    return {"table": "figures", "indicator": None, "metric": f"reported_{unit}", "category": "other",
            "label_zh": left["clause"], "label_en": "", "value": value, "value_max": None, "unit": unit,
            "qualifier": spot.qualifier if spot else "exact", "alt_value": None, "alt_unit": None,
            "alt_qualifier": None, "drug": None, "drug_as_written": "", "as_written": left["number"],
            "adcode": adcode, "place_zh": place_zh, "period_start": "", "period_end": "", "period_label": "",
            "change_value": None, "change_unit": None, "change_basis": None, "case_no": None, "level": None,
            "waypoints": [], "waypoints_as_written": [], "quote": left["clause"], "quote_start": left["quote_start"],
            "quote_end": left["quote_end"], "confidence": 0.3, "why": "added by the reviewer from an unused number",
            "learned": None}
