"""One test per way a period is written, each resolved against a given document date (dateparser-style)."""
from __future__ import annotations

from datetime import date

import pytest

from geo.intake.periods import find

DOC = date(2019, 10, 8)


@pytest.mark.parametrize("phrase, start, end", [
    ("今年以来", "2019-01-01", "2019-10-08"),
    ("去年", "2018-01-01", "2018-12-31"),
    ("前年", "2017-01-01", "2017-12-31"),
    ("自去年年初至今年9月", "2018-01-01", "2019-09-30"),
    ("2018年以来", "2018-01-01", "2019-10-08"),
    ("2018年至今", "2018-01-01", "2019-10-08"),
    ("今年1至5月", "2019-01-01", "2019-05-31"),
    ("今年1-6月", "2019-01-01", "2019-06-30"),
    ("2021年前5个月", "2021-01-01", "2021-05-31"),
    ("近三年", "2017-01-01", "2019-10-08"),
    ("五年来", "2015-01-01", "2019-10-08"),
    ("2005年开始，他坚持义务宣传禁毒知识，14年里", "2005-01-01", "2018-12-31"),
    ("2019年第一季度", "2019-01-01", "2019-03-31"),
    ("上半年", "2019-01-01", "2019-06-30"),
    ("3月上旬", "2019-03-01", "2019-03-10"),
    ("今年5月6日", "2019-05-06", "2019-05-06"),
    ("6月10日", "2019-06-10", "2019-06-10"),
    ("2017年3月", "2017-03-01", "2017-03-31"),
    ("2020年", "2020-01-01", "2020-12-31"),
])
def test_period(phrase, start, end):
    (period,) = find(phrase, DOC)
    assert (period.period_start, period.period_end, period.label) == (start, end, phrase)


def test_label_only_periods_keep_their_words():
    (period,) = find("春运期间", DOC)
    assert (period.label, period.period_start, period.period_end) == ("春运期间", "", "")


def test_without_a_document_date_relative_periods_stay_open():
    (period,) = find("今年以来", None)
    assert period.label == "今年以来" and period.period_start == ""


def test_a_date_without_year_takes_the_year_written_before_it():
    periods = find("2019年7月，专案组立案侦查。8月26日，成功收网", date(2021, 5, 7))
    assert [p.period_start for p in periods] == ["2019-07-01", "2019-08-26"]


def test_a_since_year_does_not_set_the_year_of_later_dates():
    periods = find("2018年以来，全市开展活动。6月20日，举办游戏活动", date(2021, 6, 25))
    assert periods[-1].period_start == "2021-06-20"


@pytest.mark.parametrize("text", ["较2018年下降", "在去年下降30.95%的基础上"])
def test_comparison_base_is_marked(text):
    assert all(p.base for p in find(text, DOC))


def test_dateline_is_not_a_period():
    assert find("中新网成都6月25日电", DOC) == []
