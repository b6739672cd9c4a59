"""The document's date when none is given: a 发布时间/日期 line, else the latest full date the text mentions."""
from __future__ import annotations

import re
from datetime import date

PUBLISHED_RE = re.compile(r"(?:发布|发表|更新|来源)?(?:时间|日期)[:：]?(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")
FULL_RE = re.compile(r"(\d{4})[年\-/.](\d{1,2})[月\-/.](\d{1,2})日?")
DATELINE_RE = re.compile(r"(\d{1,2})月(\d{1,2})日电")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


def _valid(y: str, m: str, d: str) -> date | None:
    try:
        found = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return found if 1949 <= found.year <= 2100 else None


def from_text(flat: str) -> tuple[date | None, str]:
    """(date, how it was found) from the flat text; (None, "") when it names no full date."""
    m = PUBLISHED_RE.search(flat)
    if m and (found := _valid(*m.groups())):
        return found, f"publication line “{m.group()}”"
    m = DATELINE_RE.search(flat[:300])
    years = [int(y) for y in YEAR_RE.findall(flat)]
    if m and years and (found := _valid(str(max(years)), *m.groups())):
        return found, f"dateline “{m.group()}”, year {max(years)} the latest the text names"
    dates = [(d, m.group()) for m in FULL_RE.finditer(flat) if (d := _valid(*m.groups()))]
    if dates:
        latest, written = max(dates)
        return latest, f"latest full date mentioned in the text (“{written}”)"
    return None, ""
