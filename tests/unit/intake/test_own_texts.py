"""Intake on three short texts WRITTEN BY THE AUTHOR OF THESE TESTS (not real reports, not from the seed
documents): a county's annual report, a national press release (partly in traditional characters) and a news
item about a single case. Every name, number and date in them is made up for the test; they exist to check
that the rules are general (other places, other layouts, other phrasings), not fitted to the five seeds."""
from __future__ import annotations

from datetime import date

from geo.intake.propose import propose_text

COUNTY_REPORT = """勐腊县禁毒委员会2022年工作总结

2023年1月10日

2022年，我县坚持禁毒工作“一把手”工程，全县共破获毒品刑事案件126起，抓获犯罪嫌疑人143名，缴获各类毒品1.06吨，\
其中冰毒片剂48万余粒。全年查获吸毒人员37人次，新发现吸毒人员同比下降21.3%。

全县建成禁毒示范学校8所，开展禁毒宣传活动420余场，受教育群众达5.6万人次。
"""

NATIONAL_RELEASE = """公安部通报今年以来全国禁毒工作情况

发布时间：2023-06-21

今年1至5月，全国公安机关共破获毒品犯罪案件1.2万起，抓获犯罪嫌疑人1.8万名，缴获毒品9.6吨。其中，云南省破获毒品案件\
3200余起，缴获海洛因1.5吨；廣東省破獲毒品案件1100起，抓獲犯罪嫌疑人近1500名。
"""

CASE_NEWS = """男子驾车运毒被查获

本报讯（记者 李明）3月5日，湖南省永州市道县公安局在二广高速道州收费站查获一起运输毒品案，当场抓获犯罪嫌疑人2名，\
从车内查获冰毒3.2公斤、麻古5000余粒。经审讯，两名嫌疑人供述毒品从广西运往广东。
"""


def rows(result: dict) -> list[tuple]:
    keys = ("table", "indicator", "value", "unit", "qualifier", "drug", "adcode", "period_start", "period_end")
    return [tuple(r[k] for k in keys) for r in result["records"]]


def test_county_report():
    result = propose_text(COUNTY_REPORT, "county.txt")
    assert result["source"]["doc_date"] == "2023-01-10"  # no --date: taken from the text, and it says so
    assert any("taken from the text" in m for m in result["messages"])
    year = ("2022-01-01", "2022-12-31")
    assert rows(result)[:7] == [
        ("figures", "drug_cases", 126, "case", "exact", None, "532823", *year),
        ("figures", "suspects_arrested", 143, "person", "exact", None, "532823", *year),
        ("seizures", None, 1.06, "t", "exact", "unspecified", "532823", *year),
        ("seizures", None, 480000, "tablet", "plus", "methamphetamine", "532823", *year),
        ("figures", "drug_users_found", 37, "person_time", "exact", None, "532823", *year),
        ("figures", "new_drug_users", None, "person", "exact", None, "532823", *year),
        ("demo_sites", None, 8, "site", "exact", None, "532823", "", ""),
    ]
    change = result["records"][5]
    assert (change["change_value"], change["change_unit"], change["change_basis"]) == (-21.3, "percent", "yoy")
    assert rows(result)[7:] == [
        ("figures", "education_events", 420, "event", "plus", None, "532823", "", ""),
        ("figures", "people_educated", 56000, "person_time", "exact", None, "532823", "", ""),
    ]


def test_national_release():
    result = propose_text(NATIONAL_RELEASE, "national.txt")
    assert result["source"]["doc_date"] == "2023-06-21"
    months = ("2023-01-01", "2023-05-31")
    national, provinces = rows(result)[:3], rows(result)[3:]
    assert [r[6] for r in national] == ["100000", "100000", "100000"]  # 全国: the country row of jurisdictions.csv
    assert [r[2] for r in national] == [12000, 18000, 9.6]
    assert provinces == [
        ("figures", "drug_cases", 3200, "case", "plus", None, "530000", *months),
        ("seizures", None, 1.5, "t", "exact", "heroin", "530000", *months),
        ("figures", "drug_cases", 1100, "case", "exact", None, "440000", *months),
        ("figures", "suspects_arrested", 1500, "person", "about", None, "440000", *months),
    ]
    assert result["records"][5]["quote"] == "廣東省破獲毒品案件1100起"  # traditional stays traditional


def test_single_case_news():
    result = propose_text(CASE_NEWS, "case.txt", date(2024, 3, 8))
    day = ("2024-03-05", "2024-03-05")
    assert rows(result)[:3] == [
        ("figures", "suspects_arrested", 2, "person", "exact", None, "431124", *day),
        ("seizures", None, 3.2, "kg", "exact", "methamphetamine", "431124", *day),
        ("seizures", None, 5000, "tablet", "plus", "magu", "431124", *day),
    ]
    assert all(r["quote"] in CASE_NEWS for r in result["records"])
