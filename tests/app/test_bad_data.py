"""A data file broken after a valid load: every page keeps working on the last valid data and shows the banner."""

import pytest
from streamlit.testing.v1 import AppTest

from geo import fmt
from geo.data import snapshot
from geo.data.validate import Problem
from geo.i18n import t
from tests.app.test_pages import run
from tests.conftest import copy_data
from tests.unit.data.broken import edit_row


def banners(at: AppTest) -> list:
    """Warnings on the page other than the open-access notice shown whenever sign-in is off."""
    return [w for w in at.warning if w.value not in (t("sign_in_off", "zh"), t("sign_in_off", "en"))]


def is_problem_table(frame) -> bool:
    return "文件" in frame.columns or "File" in frame.columns


def problem_table(at: AppTest):
    return next(df.value for df in at.dataframe if is_problem_table(df.value))


def key_figure_values(at: AppTest) -> list[str]:
    """The values column of every key-figure table on the page (the problem table aside)."""
    return [str(v) for df in at.dataframe if not is_problem_table(df.value) for col in df.value.columns
            if col in ("数值", "Value") for v in df.value[col]]


@pytest.fixture
def broken_after_valid_load(data_copy, monkeypatch):
    """Served once by the app while valid, then hy-fig-001 (破获毒品案件340起) gets a letter O for a zero."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    at = run()
    # The only warning on a valid load is the open-access notice (no sign-in configured).
    assert not banners(at) and not at.error
    line = edit_row(data_copy / "figures.csv", "hy-fig-001", value="34O")
    return data_copy, line, key_figure_values(at)


@pytest.fixture(scope="module")
def stale_data(tmp_path_factory):
    """The same, shared by the read-only page tests: loaded once (as the app loads it), then broken."""
    data_dir = tmp_path_factory.mktemp("stale") / "data"
    copy_data(data_dir)
    assert snapshot.load_safely(data_dir).problems == ()
    edit_row(data_dir / "figures.csv", "hy-fig-001", value="34O")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DASHBOARD_DATA_DIR", str(data_dir))
        yield data_dir


def test_overview_keeps_the_last_valid_figures_and_names_the_problem(broken_after_valid_load):
    _, line, before = broken_after_valid_load
    at = run()
    assert key_figure_values(at) == before and any(v.startswith("340") for v in before)
    problem = Problem("figures.csv", line, "value", "34O", "a number")
    assert banners(at) and fmt.md_escape(snapshot.describe(problem, "zh")) in banners(at)[0].value
    table = problem_table(at)
    assert table.iloc[0].tolist() == ["figures.csv", line, "value", "34O", "数字"]


@pytest.mark.parametrize("page", ["pages/checkpoints.py", "pages/routes.py", "pages/seizures.py",
                                  "pages/demo_sites.py", "pages/sources.py"])
def test_every_page_still_renders_with_the_banner(stale_data, page):
    at = run(page)
    assert at.title and len(banners(at)) == 1  # once per run, not once per state.dataset() call
    assert "figures\\.csv" in banners(at)[0].value


def test_banner_in_english(broken_after_valid_load):
    _, line, _ = broken_after_valid_load
    at = run(None, lang="en")
    assert f"figures\\.csv, line {line}, column 'value', value '34O': expected a number" in banners(at)[0].value
    assert "the dashboard keeps showing the last valid data" in banners(at)[0].value


def test_fixing_the_file_removes_the_banner(broken_after_valid_load):
    data_dir, _, before = broken_after_valid_load
    assert run().warning
    edit_row(data_dir / "figures.csv", "hy-fig-001", value="340")
    at = run()
    assert not banners(at) and key_figure_values(at) == before


def test_never_valid_data_shows_the_problems_and_stops(data_copy, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    (data_copy / "cases.csv").write_text("case_id;name_zh;level\n", encoding="utf-8")
    at = run()
    assert at.error and "cases\\.csv" in at.error[0].value and "此文件以分号分隔" in at.error[0].value
    assert not at.title  # nothing is drawn from data that was never valid
    assert problem_table(at).iloc[0]["行"] == 1


def test_sources_page_lists_the_encodings(data_copy, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    path = data_copy / "figures.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    at = run("pages/sources.py")
    table = next(df.value for df in at.dataframe if "编码" in df.value.columns)
    assert dict(zip(table["文件"], table["编码"]))["figures.csv"] == "GB18030"
    assert not banners(at)


def test_values_in_the_banner_are_escaped(broken_after_valid_load):
    data_dir, _, _ = broken_after_valid_load
    edit_row(data_dir / "figures.csv", "hy-fig-002", value="<img src=x onerror=alert(1)>**7**")
    banner = run().warning[0].value
    assert "<img" not in banner.replace("\\<img", "") and "\\<img src=x onerror=alert\\(1\\)\\>\\*\\*7\\*\\*" in banner
