"""Periods as written ("今年以来", "去年", "2018年至今", "今年1至5月", "近三年"), resolved against the document's
date; the label always stays as written. Each rule is a small function of its match and the document date."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from geo.intake.numbers import to_number

N = r"[\d一二两三四五六七八九十]+"
YEAR = r"(?:\d{4}年|今年|去年|前年|上年|本年)"
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
TEN_DAYS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}


@dataclass(frozen=True)
class Period:
    start: int  # position in the flat text
    end: int
    label: str  # as written (flat text: simplified, no whitespace)
    period_start: str  # ISO date or ""
    period_end: str
    why: str
    base: bool = False  # a comparison base (较2018年, 在去年…的基础上), not the period of a figure


def _year(word: str, doc: date | None) -> int | None:
    """2018年 → 2018; 今年/去年/前年 against the document's year."""
    if word[:4].isdigit():
        return int(word[:4])
    if doc is None:
        return None
    return doc.year - {"今年": 0, "本年": 0, "去年": 1, "上年": 1, "前年": 2}.get(word[:2], 0)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _last_day(year: int | None, month: int | None) -> date | None:
    """The month's last day, or None when the year or month is missing or not a month."""
    return _month_end(year, month) if year and month and 1 <= month <= 12 else None


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _int(text: str) -> int | None:
    value = to_number(text)
    return int(value) if value is not None else None


def _safe(year: int | None, month: int | None, day: int | None = None) -> date | None:
    try:
        return date(year, month, day or 1) if year and month else None
    except (ValueError, TypeError):
        return None


YEAR_BACK = 200  # characters: how far back a written year still sets the year of "8月26日"


def _ref_year(m: re.Match, doc: date | None) -> int | None:
    """The year of a date written without one: the last year written shortly before it (not after the
    document's date), else the document's year."""
    back = m.string[max(0, m.start() - YEAR_BACK):m.start()]
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})年(?!以来|至今|来|开始|起)", back)]  # 2018年以来 runs to now
    years = [y for y in years if doc is None or y <= doc.year]
    return years[-1] if years else (doc.year if doc else None)


# each rule: (pattern, function(match, doc_date) → (start date, end date, why))
def _since(m: re.Match, doc: date | None):
    y = _year(m["y"], doc)
    start = _safe(y, _int(m["m"]) if m["m"] else 1)
    return start, doc, "since a year (or month) up to the document date"


def _from_to(m: re.Match, doc: date | None):
    y1, y2 = _year(m["y1"], doc), _year(m["y2"] or "今年", doc)
    end = _last_day(y2, _int(m["m2"]))
    return _safe(y1, _int(m["m1"]) if m["m1"] else 1), end, "from a start to an end month"


def _months(m: re.Match, doc: date | None):
    y = _year(m["y"] or "今年", doc)
    m1, m2 = (1, _int(m["n"])) if m["n"] else (_int(m["m1"]), _int(m["m2"]))
    if not y or m1 not in range(1, 13) or m2 not in range(1, 13):
        return None, None, "months without a year"
    return _safe(y, m1), _last_day(y, m2), "a range of months"


def _quarter(m: re.Match, doc: date | None):
    y, q = _year(m["y"] or "今年", doc), QUARTERS[m["q"]]
    return _safe(y, 3 * q - 2), (_month_end(y, 3 * q) if y else None), "a quarter"


def _half(m: re.Match, doc: date | None):
    y = _year(m["y"] or "今年", doc)
    first = m["h"] == "上"
    return _safe(y, 1 if first else 7), (_month_end(y, 6 if first else 12) if y else None), "half a year"


def _recent_years(m: re.Match, doc: date | None):
    n = _int(m["n"] or m["n2"])
    if doc is None or not n:
        return None, None, "years counted back, no document date"
    return date(doc.year - n + 1, 1, 1), doc, f"the last {n} years, this one included, up to the document date"


def _span(m: re.Match, doc: date | None):
    y, n = int(m["y"]), _int(m["n"])
    return date(y, 1, 1), (date(y + n - 1, 12, 31) if n else None), "a start year and a number of years"


def _day(m: re.Match, doc: date | None):
    y = _year(m["y"], doc) if m["y"] else _ref_year(m, doc)
    d = _safe(y, _int(m["m"]), _int(m["d"]))
    return d, d, "a day (the document's year when none is written)"


def _ten_days(m: re.Match, doc: date | None):
    y = _year(m["y"], doc) if m["y"] else _ref_year(m, doc)
    month, (a, b) = _int(m["m"]), TEN_DAYS[m["t"]]
    if not y or month is None or month not in range(1, 13):
        return None, None, "ten days of a month, no year"
    return date(y, month, a), date(y, month, min(b, _month_end(y, month).day)), "ten days of a month"


def _month(m: re.Match, doc: date | None):
    y = _year(m["y"], doc)
    month = _int(m["m"])
    return _safe(y, month), _last_day(y, month), "a month"


def _year_only(m: re.Match, doc: date | None):
    y = _year(m["y"], doc)
    return _safe(y, 1), (date(y, 12, 31) if y else None), "a calendar year"


def _label_only(m: re.Match, doc: date | None):
    return None, None, "a period without dates"


RULES = [
    (rf"(?P<y>\d{{4}})年(?:开始|起)[^。；！？]{{0,60}}?(?P<n>{N})年(?:里|间|中|来)", _span),
    (rf"自?(?P<y1>{YEAR})年?(?:(?P<m1>{N})月|初)?(?:至|到|—|-)(?P<y2>{YEAR})?(?P<m2>{N})月(?:底|末)?", _from_to),
    (rf"(?:自|从)?(?P<y>{YEAR})(?:(?P<m>{N})月)?(?:以来|至今|来)", _since),
    (rf"(?:近|最近)(?P<n>{N})年(?:来|以来)?|(?P<n2>{N})年(?:来|以来)", _recent_years),
    (rf"(?P<y>{YEAR})?(?:前(?P<n>{N})个?月|(?P<m1>{N})(?:至|-|—|到|~)(?P<m2>{N})月)", _months),
    (rf"(?P<y>{YEAR})?第?(?P<q>[一二三四1-4])季度", _quarter),
    (rf"(?P<y>{YEAR})?(?P<h>[上下])半年", _half),
    (rf"(?P<y>{YEAR})?(?P<m>{N})月(?P<t>上旬|中旬|下旬)", _ten_days),
    (rf"(?P<y>{YEAR})?(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月"
     rf"(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})日", _day),
    (rf"(?P<y>{YEAR})(?P<m>{N})月", _month),
    (rf"(?P<y>{YEAR})(?:年初|年底|全年)?", _year_only),
    (r"近年来|[\u4e00-\u9fff]{2,4}期间", _label_only),
]
COMPILED = [(re.compile(p), f) for p, f in RULES]
BASE_BEFORE = ("较", "比", "与", "同")
BASE_AFTER_RE = re.compile(r"^[^，。；,;]{0,14}?(?:的基础|同期|相比)")


def find(flat: str, doc: date | None) -> list[Period]:
    """Every period expression of the text, longest rule first, none overlapping."""
    taken: list[tuple[int, int]] = []
    out = []
    for pattern, rule in COMPILED:
        for m in pattern.finditer(flat):
            if any(m.start() < e and s < m.end() for s, e in taken) or flat[m.end():m.end() + 1] == "电":
                continue  # 6月25日电 is a dateline: when the report was filed, not a period of its figures
            start, end, why = rule(m, doc)
            taken.append((m.start(), m.end()))
            base = flat[max(0, m.start() - 1):m.start()] in BASE_BEFORE or bool(BASE_AFTER_RE.match(flat[m.end():]))
            out.append(Period(m.start(), m.end(), m.group(), _iso(start), _iso(end), why, base))
    return sorted(out, key=lambda p: p.start)
