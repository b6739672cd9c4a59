"""No dead ends: a county without records for a page shows its city's figures, said to be the city's; staff get a
link to add a report; the Sources page lists only the documents of what it shows."""
import pytest

from tests.app.test_pages import all_text, run

NINGYUAN = {"city": ["431100"], "county": ["431126"]}  # 宁远县: four figures, no seizures or demonstration sites


@pytest.mark.parametrize("page", ["pages/seizures.py", "pages/demo_sites.py"])
def test_a_county_without_records_shows_its_citys_marked_as_the_citys(page):
    at = run(page, **NINGYUAN)
    assert any("宁远县暂无此类记录" in i.value and "永州市的数据（市级数据" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) >= 1  # the city's chart, not an empty page
    assert not [p for p in at.get("page_link")]  # a visitor gets no link to the data page


def test_staff_get_a_link_to_add_a_report(monkeypatch):
    monkeypatch.setenv("DASHBOARD_OPEN_ACCESS", "staff")
    at = run("pages/seizures.py", **NINGYUAN)
    links = at.get("page_link")
    assert links and links[0].proto.label == "为该县新增报告" and links[0].proto.query_string == "tab=intake"
    assert links[0].proto.page == "data"


def test_a_county_with_records_stays_the_county():
    at = run("pages/enforcement.py", **NINGYUAN)
    assert not any("暂无此类记录" in i.value for i in at.info)
    assert "宁远县" in all_text(at)


def test_sources_page_lists_only_the_documents_and_texts_of_what_it_shows():
    from geo.data.load import load_dataset

    everything = run("pages/sources.py")
    county = run("pages/sources.py", **NINGYUAN)
    frames = [d.value for d in county.dataframe]
    records, documents = frames[0], frames[1]
    assert len(documents) < len(load_dataset()["sources"]) == len(everything.dataframe[1].value)
    texts = [e for e in county.expander if e.label in set(load_dataset()["sources"]["title_zh"])]
    assert len(texts) == len(documents) >= 1  # one full text per document listed, no more
    kinds = list(records.iloc[:, 0])
    assert kinds[0] == "工作数据" and (kinds[-1] == "地点" or "地点" not in kinds)  # figures first, places last
