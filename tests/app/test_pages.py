"""Every page run headless with AppTest: no exception, expected elements, filtering changes the page."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard.py")

PAGES = ["pages/overview.py", "pages/checkpoints.py", "pages/routes.py", "pages/seizures.py",
         "pages/demo_sites.py", "pages/sources.py", "pages/enforcement.py", "pages/briefing.py", "pages/data.py"]


def run(page: str | None = None, query: dict[str, str] | None = None, **state) -> AppTest:
    """Run the app (then `page`) with these session-state values, or with `query` as the link's parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def all_text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.title] + [e.value for e in at.caption]
    parts += [e.value for e in at.info] + [e.value for e in at.subheader]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_chinese_by_default(page):
    at = run(page)
    assert at.title and any("\u4e00" <= ch <= "\u9fff" for ch in at.title[0].value)
    assert at.multiselect(key="city") is not None and at.multiselect(key="county") is not None


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_english(page):
    at = run(page, lang="en")
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in t.value) for t in at.title)


def test_county_options_follow_city():
    at = run()
    at.multiselect(key="city").set_value(["431100"]).run()
    options = at.multiselect(key="county").options
    assert "双牌县" in options and "衡阳县" not in options


def test_filtering_to_one_county_changes_tables():
    before = run("pages/sources.py")
    n_before = len(before.dataframe[0].value)
    after = run("pages/sources.py", city=["430400"], county=["430421"])
    n_after = len(after.dataframe[0].value)
    assert 0 < n_after < n_before
    assert set(after.dataframe[0].value["地区"]) == {"衡阳县"}  # place names, not adcodes


def test_seizures_page_has_charts_and_table():
    at = run("pages/seizures.py")
    assert len(at.get("plotly_chart")) == 2
    assert len(at.dataframe) >= 1


def test_county_with_only_case_seizures_has_charts():
    at = run("pages/seizures.py", city=["430400"], county=["430421"])  # 衡阳县: seizures of one case, no totals
    assert len(at.get("plotly_chart")) == 1  # the case ranking; the empty totals chart is a panel instead
    assert any("暂无数据" in h.proto.body and "chart_totals" in h.proto.body for h in at.get("html"))
    keys = {b.key for b in at.get("download_button")}
    assert "chart_cases_png" in keys and not {k for k in keys if k.startswith("chart_totals")}


def test_empty_selection_is_explained():
    at = run("pages/checkpoints.py", city=["421200"], county=["421223"])
    assert any("暂无相关记录" in i.value for i in at.info)


def test_reset_clears_filter():
    at = run(None, city=["430400"], county=["430421"])
    at.button(key="filter_reset").click().run()
    assert at.multiselect(key="city").value == [] and at.multiselect(key="county").value == []


def test_link_opens_that_view():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["city"] = "431100"
    at.query_params["county"] = "431126"
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.multiselect(key="city").value == ["431100"]
    assert at.multiselect(key="county").value == ["431126"]
    assert at.title[0].value == "Drug-Control Operations Dashboard"


def test_link_with_unknown_codes_is_ignored():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["county"] = "<script>"
    at.run()
    assert not at.exception and at.multiselect(key="county").value == []


def test_every_url_path_is_its_file_name():
    """Streamlit (and AppTest on every run) starts in pages/-folder mode, where a page is found by file name; a
    url_path that differs would open the overview instead of the linked page."""
    at = run()
    pages = list(at._registered_pages.values())
    assert len(pages) >= len(PAGES)
    for info in pages:
        assert info["url_pathname"] in ("", Path(info["script_path"]).stem), info


@pytest.mark.parametrize("page", PAGES)
def test_switching_page_runs_that_page(page):
    at = run(page)
    assert at.title[0].value != run().title[0].value or page == "pages/overview.py"
