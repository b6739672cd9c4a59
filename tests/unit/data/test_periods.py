"""Periods on the calendar and the rules of comparison over time (geo/data/periods.py).

The rows here are test texts written for these tests, not records of the source documents.
"""
from datetime import date

import pandas as pd
import pytest

from geo.data import periods
from geo.data.periods import Span

DOC = date(2019, 6, 1)


@pytest.mark.parametrize("label, expected", [
    ("今年以来", Span(date(2019, 1, 1), DOC, True)),
    ("2018年以来", Span(date(2018, 1, 1), DOC, True)),
    ("2018年至今", Span(date(2018, 1, 1), DOC, True)),
    ("近三年", Span(date(2017, 1, 1), DOC, True)),
    ("去年", Span(date(2018, 1, 1), date(2018, 12, 31))),
    ("前年", Span(date(2017, 1, 1), date(2017, 12, 31))),
    ("2017年", Span(date(2017, 1, 1), date(2017, 12, 31))),
    ("2021年前5个月", Span(date(2021, 1, 1), date(2021, 5, 31))),
    ("今年1-6月", Span(date(2019, 1, 1), date(2019, 6, 30))),
    ("2021年4月", Span(date(2021, 4, 1), date(2021, 4, 30))),
    ("4月30日", Span(date(2019, 4, 30), date(2019, 4, 30))),
    ("今年3月28日", Span(date(2019, 3, 28), date(2019, 3, 28))),
    ("2月30日", None),
    ("近年来", None),
    ("春运期间", None),
])
def test_labels_are_read_against_the_document_date(label, expected):
    assert periods.from_label(label, DOC) == expected


def test_last_year_is_relative_to_its_document_not_to_today():
    assert periods.from_label("去年", date(2017, 7, 11)) == Span(date(2016, 1, 1), date(2016, 12, 31))
    assert periods.from_label("去年", date(2021, 6, 25)).start.year == 2020


def test_stated_dates_win_and_an_open_start_ends_on_the_document_date():
    row = {"period_start": "2011-10-01", "period_end": None, "period_label": None}
    assert periods.span_of(row, DOC) == Span(date(2011, 10, 1), DOC, True)
    since = {"period_start": "2018-01-01", "period_end": "2021-06-25", "period_label": "2018年以来"}
    assert periods.span_of(since, date(2021, 6, 25)).open
    closed = {"period_start": "2020-01-01", "period_end": "2020-12-31", "period_label": "2020年"}
    assert periods.span_of(closed, date(2021, 6, 25)) == Span(date(2020, 1, 1), date(2020, 12, 31))
    assert periods.span_of({"period_start": None, "period_end": None, "period_label": "近年来"}, DOC) is None


def fig(fid, value, start, end, label, adcode="431126", unit="person", indicator="outflow_traffickers"):
    return pd.Series({"figure_id": fid, "adcode": adcode, "indicator": indicator, "indicator_level": None,
                      "unit": unit, "value": value, "period_start": start, "period_end": end, "period_label": label},
                     name=fid)


def span(row):
    return periods.span_of(row, DOC)


def test_consecutive_years_of_one_place_are_comparable_and_the_change_is_computed():
    a, b = fig("a", 100, "2017-01-01", "2017-12-31", "2017年"), fig("b", 112, "2018-01-01", "2018-12-31", "2018年")
    assert periods.comparable(a, b, span(a), span(b))
    assert not periods.comparable(b, a, span(b), span(a))  # the later one never comes first
    assert periods.change(a, b) == pytest.approx(12.0)


def test_the_same_months_of_consecutive_years_are_comparable():
    a = fig("a", 10, "2019-01-01", "2019-06-30", "2019年1-6月")
    b = fig("b", 5, "2020-01-01", "2020-06-30", "2020年1-6月")
    assert periods.comparable(a, b, span(a), span(b))
    assert periods.change(a, b) == pytest.approx(-50.0)


@pytest.mark.parametrize("other", [
    fig("b", 3, "2021-01-01", "2021-05-31", "2021年前5个月"),  # shorter period
    fig("b", 3, "2019-01-01", "2019-12-31", "2019年"),  # not the next year (2018 missing)
    fig("b", 3, "2018-01-01", "2018-12-31", "2018年", adcode="431121"),  # another place
    fig("b", 3, "2018-01-01", "2018-12-31", "2018年", unit="person_time"),  # another unit
    fig("b", 3, "2018-01-01", "2018-12-31", "2018年", indicator="drug_cases"),  # another indicator
    fig("b", None, "2018-01-01", "2018-12-31", "2018年"),  # no value
    fig("b", 3, "2018-01-01", None, "2018年以来"),  # open: runs to the document date
])
def test_anything_else_is_not_comparable(other):
    a = fig("a", 105, "2017-01-01", "2017-12-31", "2017年")
    assert not periods.comparable(a, other, span(a), span(other))


def test_pairs_finds_only_consecutive_comparable_figures():
    rows = pd.DataFrame([fig("a", 100, "2016-01-01", "2016-12-31", "2016年"),
                         fig("b", 90, "2017-01-01", "2017-12-31", "2017年"),
                         fig("c", 80, "2019-01-01", "2019-12-31", "2019年")]).set_index("figure_id", drop=False)
    spans = {i: span(r) for i, r in rows.iterrows()}
    assert periods.pairs(rows, spans) == [("a", "b")]


def test_short_period_names_a_calendar_year_by_its_number():
    a = fig("a", 1, "2017-01-01", "2017-12-31", "2017年")
    b = fig("b", 1, "2021-01-01", "2021-05-31", "2021年前5个月")
    assert periods.short_period(a, span(a)) == "2017"
    assert periods.short_period(b, span(b)) == "2021年前5个月"
