"""The 城市对比 / Compare page under AppTest: indicator choice by key, the table of compared figures, languages."""
from tests.app.test_pages import run


def test_compare_page_lists_drug_cases_with_periods():
    at = run("pages/compare.py")
    assert at.title[0].value == "城市对比"
    assert at.selectbox(key="compare_indicator").value == "drug_cases"
    table = at.dataframe[0].value
    assert table["地区"].tolist() == ["衡阳市", "永州市", "零陵区", "平顶山市", "平顶山市"]
    assert "今年以来" in table["时期"].tolist() and "近年来" in table["时期"].tolist()


def test_compare_page_in_english_follows_the_indicator():
    at = run("pages/compare.py", lang="en")
    at.selectbox(key="compare_indicator").set_value("compulsory_rehab").run()
    table = at.dataframe[0].value
    assert at.title[0].value == "Compare"
    assert table["Place"].tolist() == ["Hengyang", "Lingling District", "Pingdingshan"]
    assert table["Value"].tolist() == ["1,230 people", "171 people", "225 people"]


def test_compare_page_says_when_nothing_is_reported():
    at = run("pages/compare.py", city=["421200"])
    at.selectbox(key="compare_indicator").set_value("drug_cases").run()
    assert not at.dataframe and "没有任何地区报告此项指标" in at.info[-1].value


def test_english_overview_lists_every_place_by_its_official_name():
    at = run(lang="en")
    places = {p for table in at.dataframe for p in table.value.get("Place", [])}
    headings = {m.value.strip("*") for m in at.markdown if m.value.startswith("**")}
    assert {"Xian'an District", "Dong'an County", "Lingling District", "Ningyuan County", "China"} <= places
    assert {"Hengyang", "Yongzhou", "Pingdingshan", "Xianning", "China"} <= headings
    assert not [p for p in places if p in ("Xianan District", "Dongan County") or "\u4e00" <= p[:1] <= "\u9fff"]
