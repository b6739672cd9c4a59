"""Places anywhere in China by full name, short name and alias, simplified or traditional; ambiguity resolved
by context; the subject of the sentence decides whose figure it is."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.intake.places import Gazetteer, short_names
from geo.intake.propose import propose_text
from geo.intake.text import prepare
from tests.conftest import DATA


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(pd.read_csv(DATA / "jurisdictions.csv", dtype=str, keep_default_na=False))


def codes(gaz: Gazetteer, text: str) -> list[str]:
    return [m.adcode for m in gaz.mentions(prepare(text).flat)]


@pytest.mark.parametrize("text, adcode", [
    ("西双版纳傣族自治州", "532800"), ("西双版纳州", "532800"), ("西双版纳", "532800"),
    ("黔东南州", "522600"), ("衡阳", "430400"), ("鹰城", "410400"),
])
def test_full_short_and_alias(gaz, text, adcode):
    assert codes(gaz, text) == [adcode]


def test_short_names_of_autonomous_places():
    assert short_names("黔东南苗族侗族自治州", "prefecture") == {"黔东南", "黔东南州"}


def test_traditional_names(gaz):
    assert codes(gaz, "西雙版納州勐臘縣") == ["532800", "532823"]


def test_county_short_name_needs_its_city_or_province(gaz):
    assert codes(gaz, "甘肃省定西市临洮") == ["620000", "621100", "621124"]
    assert "621124" not in codes(gaz, "临洮")  # two characters alone are too often an ordinary word


def test_ordinary_words_are_not_places(gaz):
    assert codes(gaz, "公安机关平安守护专项行动，通道") == []


def test_ambiguous_name_resolved_by_the_province_nearby(gaz):
    assert codes(gaz, "吉林省朝阳区")[-1] == "220104"
    assert codes(gaz, "北京市朝阳区")[-1] == "110105"


def place_of(text: str, quote_part: str, **kw) -> str:
    result = propose_text(text, "t.txt", kw.get("doc_date", date(2023, 6, 1)), kw.get("place"))
    (rec,) = [r for r in result["records"] if quote_part in r["quote"]]
    return rec["adcode"]


def test_province_as_subject():
    assert place_of("四川省共破获毒品刑事案件3260起。", "3260") == "510000"


def test_whole_city_is_the_documents_city():
    text = "衡阳县召开会议。\n\n全市共破获毒品案件120起。"
    assert place_of(text, "120起", place="430400") == "430400"


def test_dateline_city_is_not_the_subject():
    text = "中新网成都6月25日电 记者从云南省公安厅获悉，今年以来，云南省共破获毒品案件8000余起。"
    assert place_of(text, "8000") == "530000"


def test_partners_and_destinations_are_not_subjects():
    text = "永州市公安局与广东、广西等地警方协作，抓获外流贩毒人员56名。"
    assert place_of(text, "56名") == "431100"


def test_county_police_take_their_case():
    text = "市公安局禁毒支队会同祁东县公安局成功侦破一起贩毒案，抓获犯罪嫌疑人12名。"
    assert place_of(text, "12名", place="430400") == "430426"


def test_towns_the_text_places_in_a_county():
    text = "在咸安区永安街道，有一个社区戒毒中心。\n\n永安街道在册吸毒人员316人。"
    assert place_of(text, "316", place="421200") == "421202"


def test_a_paragraph_that_goes_on_with_the_story_keeps_its_place():
    """Written for this test: the county's squad opens the story, the seizure comes a paragraph later."""
    story = "2020年5月，宁远县禁毒大队发现一名嫌疑人有贩毒嫌疑，遂展开侦查。\n\n{}一个月侦查，民警缴获冰毒3公斤。"
    assert place_of(story.format("经过"), "3公斤", place="431100") == "431126"
    assert place_of(story.format("历时"), "3公斤", place="431100") == "431100"  # a new paragraph, a new subject
