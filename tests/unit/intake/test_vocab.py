"""Every row of the indicator, drug, unit and not-an-indicator tables read from its own example phrase (the
`example` column; the phrases were WRITTEN BY THE AUTHOR OF THESE TESTS, not taken from any report), in simplified
and in traditional characters (derived with opencc: intake converts its input to simplified before matching)."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

import opencc
import pytest

from geo.intake import spots, vocab
from geo.intake.propose import propose_text

PLACE = "430400"


@lru_cache(maxsize=1)
def to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def first(phrase: str, table: str) -> dict:
    records = propose_text(f"2023年，{phrase}。", "t.txt", date(2023, 12, 31), PLACE)["records"]
    return next(r for r in records if r["table"] == table)


def rows(name: str) -> list[dict[str, str]]:
    return [r for r in vocab.table(name)]


@pytest.mark.parametrize("row", rows("indicators"), ids=lambda r: r["keyword"])
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_indicator_row(row, script):
    phrase = row["example"] if script == "simplified" else to_traditional().convert(row["example"])
    got = first(phrase, "figures")
    assert (got["indicator"], got["metric"]) == (row["indicator"] or None, row["metric"]), phrase


@pytest.mark.parametrize("row", rows("drugs"), ids=lambda r: r["as_written"])
def test_drug_row(row):
    assert first(row["example"], "seizures")["drug"] == row["drug"]


@pytest.mark.parametrize("row", rows("units"), ids=lambda r: r["as_written"])
def test_unit_row(row):
    assert [s.unit for s in spots.figures(row["example"])] == [row["unit"]], row["example"]


@pytest.mark.parametrize("row", rows("not_indicators"), ids=lambda r: r["phrase"])
def test_not_an_indicator_row(row):
    assert first(row["example"], "figures")["indicator"] is None, row["example"]


@pytest.mark.parametrize("phrase", [
    "召开禁毒工作会议3次", "投入禁毒经费200万元", "出动警力300人次", "检查车辆1500辆", "培训禁毒社工80名",
    "帮助27名戒毒康复人员就业", "走访群众600户", "建成禁毒教育基地2个", "张贴标语900条", "组建志愿服务队15支",
    "全县共有村（社区）禁毒专干120名", "新建戒毒药物维持治疗门诊2家",
])
def test_phrase_that_names_no_core_indicator_gets_none(phrase):
    assert first(phrase, "figures")["indicator"] is None


@pytest.mark.parametrize("phrase, indicator", [
    ("破获12起毒品案件", "drug_cases"),
    ("侦破50多起重特大涉毒刑事案件", "drug_cases"),
    ("抓获36名犯罪嫌疑人", "suspects_arrested"),
    ("捣毁3个制毒窝点", "drug_labs_destroyed"),
    ("对41人依法行政拘留", "administrative_detentions"),
    ("查處吸毒人員88名", "drug_users_found"),
    ("破獲9起毒品違法犯罪案件", "drug_cases"),
])
def test_number_before_its_noun_and_traditional(phrase, indicator):
    assert first(phrase, "figures")["indicator"] == indicator
