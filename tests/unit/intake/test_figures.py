"""One test per way a figure is written: the value, unit and qualifier intake reads from each phrase."""
from __future__ import annotations

from decimal import Decimal

import pytest

from geo.intake.spots import changes, figures


def only(phrase: str):
    found = figures(phrase)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("phrase, value, unit, qualifier", [
    ("破获毒品案件460余起", 460, "case", "plus"),
    ("缴获冰毒近40公斤", 40, "kg", "about"),
    ("立案5.4万起", 54000, "case", "exact"),
    ("抓获犯罪嫌疑人三名", 3, "person", "exact"),
    ("查获麻古两包", 2, "other", "exact"),
    ("缴获海洛因1.2吨", Decimal("1.2"), "t", "exact"),
    ("受教育群众达128万余人", 1280000, "person", "plus"),
    ("发放宣传资料30余万份", 300000, "copy", "plus"),
    ("投入经费2.5亿元", 250000000, "yuan", "exact"),
    ("参与群众上千人", 1000, "person", "plus"),
    ("投入近千万元", 10000000, "yuan", "about"),
    ("举办全市万名中小学生诵读活动", 10000, "person", "about"),
    ("将复吸率控制在10%以内", 10, "percent", "at_most"),
    ("乡镇均配备2名以上禁毒专干", 2, "person", "plus"),
    ("每个乡镇要至少明确1名专人", 1, "person", "plus"),
    ("抓获涉毒人员1,200人", 1200, "person", "exact"),
    ("查获吸毒人员711人次", 711, "person_time", "exact"),
    ("缴获麻古975颗", 975, "tablet", "exact"),
    ("全省第二名", 2, "rank", "exact"),
    ("连续3年下降", 3, "other", "exact"),
])
def test_phrase(phrase, value, unit, qualifier):
    spot = only(phrase)
    assert (spot.value, spot.unit, spot.qualifier) == (Decimal(value), unit, qualifier)


def test_range_is_kept_as_a_range():
    spot = only("每个乡镇设2-4家戒毒康复站")
    assert (spot.value, spot.value_max) == (2, 4)


@pytest.mark.parametrize("phrase", [
    "一起努力", "千家万户", "“四个严打”", "“2016-361”", "6·26国际禁毒日", "近两个多月的侦查", "第一季度",
])
def test_not_a_figure(phrase):
    assert figures(phrase) == []


def test_number_inside_quoted_speech_is_a_figure():
    assert only("“共挽救了260个家庭。”").value == 260


@pytest.mark.parametrize("phrase, value, basis", [
    ("同比下降10.61%", Decimal("-10.61"), "yoy"),
    ("同比提升170.34%", Decimal("170.34"), "yoy"),
    ("较2018年下降75.4%", Decimal("-75.4"), "vs_earlier"),
    ("在去年下降30.95%的基础上", Decimal("-30.95"), "vs_earlier"),
])
def test_change(phrase, value, basis):
    (change,) = changes(phrase)
    assert (change.value, change.unit, change.basis) == (value, "percent", basis)
