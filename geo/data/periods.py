"""Periods on a calendar, and which figures can be compared over time. Plain functions, no drawing.

A figure's period is the dates its row states (period_start, period_end); when it states none, the label as written
is read against its document's date ("去年" is the year before the document, "今年以来" runs from 1 January of the
document's year to the document's date). An open period ("今年以来", "2018年以来", "近三年") ends on the document's
date and stays marked open: it is not a period of fixed length, so it is never compared by computation.

Two figures are comparable over time only when they are about the same place, indicator (and level) and unit, both
give a value, neither period is open, the periods have the same length and follow each other (2017 then 2018, or
2019年1-6月 then 2020年1-6月). Anything else is shown side by side and never joined by a line.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

OPEN_WORDS = re.compile(r"(以来|至今|迄今|来$|起$)")
DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
RELATIVE = {"今年": 0, "本年": 0, "去年": 1, "上年": 1, "前年": 2}


@dataclass(frozen=True)
class Span:
    """A period on the calendar: first and last day (both included); open when it runs up to the document date."""

    start: date
    end: date
    open: bool = False

    def months(self) -> int | None:
        """Its length in whole calendar months, or None when it does not start and end on month boundaries."""
        if self.start.day != 1 or self.end.day != calendar.monthrange(self.end.year, self.end.month)[1]:
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def _date(value) -> date | None:
    stamp = pd.to_datetime(value, errors="coerce") if isinstance(value, str) and value else pd.NaT
    return None if pd.isna(stamp) else stamp.date()


def _num(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if len(text) == 2 and text[0] == "十":
        return 10 + DIGITS.get(text[1], 0)
    return DIGITS.get(text)


def _year_of(word: str, doc: date | None) -> int | None:
    """'2018年' → 2018; 今年/去年/前年 counted from the document's year."""
    if word[:4].isdigit():
        return int(word[:4])
    return doc.year - RELATIVE[word[:2]] if doc and word[:2] in RELATIVE else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


YEAR_WORD = r"(\d{4}年|今年|本年|去年|上年|前年)"
LABEL_RULES = (  # (pattern, builder(match, doc) → Span | None), first match wins
    (re.compile(rf"^(?:自|从)?{YEAR_WORD}(?:以来|至今|来)$"),
     lambda m, doc: Span(date(y, 1, 1), doc, True) if doc and (y := _year_of(m[1], doc)) else None),
    (re.compile(r"^(?:近|最近)([\d一二两三四五六七八九十]+)年(?:来|以来)?$"),
     lambda m, doc: Span(date(doc.year - n + 1, 1, 1), doc, True) if doc and (n := _num(m[1])) else None),
    (re.compile(rf"^{YEAR_WORD}?前([\d一二两三四五六七八九十]+)个?月$"),
     lambda m, doc: _months(_year_of(m[1] or "今年", doc), 1, _num(m[2]))),
    (re.compile(rf"^{YEAR_WORD}?(\d{{1,2}})[-至到—](\d{{1,2}})月$"),
     lambda m, doc: _months(_year_of(m[1] or "今年", doc), _num(m[2]), _num(m[3]))),
    (re.compile(rf"^{YEAR_WORD}?(\d{{1,2}})月(\d{{1,2}})日$"),
     lambda m, doc: _day(_year_of(m[1] or "今年", doc), _num(m[2]), _num(m[3]))),
    (re.compile(rf"^{YEAR_WORD}?(\d{{1,2}})月(?:份)?$"),
     lambda m, doc: _months(_year_of(m[1] or "今年", doc), _num(m[2]), _num(m[2]))),
    (re.compile(rf"^{YEAR_WORD}(?:全年)?$"),
     lambda m, doc: Span(date(y, 1, 1), date(y, 12, 31)) if (y := _year_of(m[1], doc)) else None),
)


def _months(year: int | None, first: int | None, last: int | None) -> Span | None:
    if not year or not first or not last or not 1 <= first <= last <= 12:
        return None
    return Span(date(year, first, 1), _month_end(year, last))


def _day(year: int | None, month: int | None, day: int | None) -> Span | None:
    try:
        return Span(date(year, month, day), date(year, month, day)) if year and month and day else None
    except ValueError:  # 2月30日
        return None


def from_label(label: str, doc: date | None) -> Span | None:
    """A period as written, read against the document date; None when it names no calendar period ("近年来")."""
    text = re.sub(r"\s+", "", str(label or ""))
    for pattern, build in LABEL_RULES:
        m = pattern.match(text)
        if m:
            return build(m, doc)
    return None


def is_open(label) -> bool:
    """True for a period that runs up to the time of writing: 以来, 至今, 来, 起."""
    return bool(OPEN_WORDS.search(str(label))) if isinstance(label, str) else False


def span_of(row: pd.Series | dict, doc: date | None) -> Span | None:
    """The calendar period of a figure: its stated dates (a start without an end runs to the document date and is
    open), else its label read against the document date; None when neither places it."""
    start, end = _date(row.get("period_start")), _date(row.get("period_end"))
    label = row.get("period_label")
    if start and end:
        return Span(start, end, is_open(label) and end == doc)
    if start and doc and doc >= start:
        return Span(start, doc, True)
    return from_label(label, doc) if isinstance(label, str) else None


def _shift_year(day: date) -> date:
    """The same day a year later (29 February → 28 February)."""
    return day.replace(year=day.year + 1) if not (day.month == 2 and day.day == 29) else date(day.year + 1, 2, 28)


def same_length(a: Span, b: Span) -> bool:
    """Same number of calendar months when both are whole months, else the same number of days."""
    if a.months() is not None or b.months() is not None:
        return a.months() == b.months()
    return (a.end - a.start) == (b.end - b.start)


def consecutive(a: Span, b: Span) -> bool:
    """b follows a: it starts the day after a ends, or it is the same part of the next year (1-6月 → 1-6月)."""
    adjacent = b.start == a.end + timedelta(days=1)
    next_year = b.start == _shift_year(a.start) and (b.end == _shift_year(a.end) or
                                                    (a.months() is not None and a.months() == b.months()))
    return adjacent or next_year


KEY_COLUMNS = ("adcode", "indicator", "indicator_level", "unit")


def _key(row) -> tuple:
    return tuple("" if pd.isna(row.get(c)) else str(row.get(c)) for c in KEY_COLUMNS)


def comparable(a, b, span_a: Span | None, span_b: Span | None) -> bool:
    """Same place, indicator, level and unit; both give a value; neither period open; same length; b follows a."""
    if span_a is None or span_b is None or span_a.open or span_b.open:
        return False
    if _key(a) != _key(b) or pd.isna(a.get("value")) or pd.isna(b.get("value")):
        return False
    return same_length(span_a, span_b) and consecutive(span_a, span_b)


def change(a, b) -> float | None:
    """Percent change from figure a to figure b (None when a is zero: no percentage of nothing)."""
    first, second = float(a["value"]), float(b["value"])
    return None if first == 0 else (second - first) / first * 100


def short_period(row, span: Span) -> str:
    """'2017' for a calendar year, else the period as written (or its dates)."""
    if span.months() == 12 and span.start.month == 1:
        return str(span.start.year)
    label = row.get("period_label")
    return label if isinstance(label, str) and label else f"{span.start.isoformat()}–{span.end.isoformat()}"


def pairs(rows: pd.DataFrame, spans: dict) -> list[tuple[str, str]]:
    """(earlier id, later id) of every comparable consecutive pair among the rows (indexed by figure id)."""
    out = []
    for i, a in rows.iterrows():
        for j, b in rows.iterrows():
            if i != j and comparable(a, b, spans.get(i), spans.get(j)):
                out.append((i, j))
    return out


def doc_date(sources: pd.DataFrame, source_file: str) -> date | None:
    """The document date of a source file, as a date."""
    match = sources.loc[sources["source_file"] == source_file, "doc_date"]
    return _date(match.iloc[0]) if len(match) else None
