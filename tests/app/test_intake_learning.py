"""Intake that learns, under AppTest: a phrase intake does not know is corrected once during review and the next
report that uses it gets the right indicator, marked with who taught it; a report proposed again after it was
saved has its figures marked as already in the data and unticked; numbers left over can be added in one step.
The report texts were WRITTEN BY THE AUTHOR OF THESE TESTS (made-up figures)."""
from __future__ import annotations

from datetime import date

import pytest

from geo.intake.learned import FolderLearnedVocab
from tests.app.test_pages import run

PAGE = "pages/data.py"
FIRST = "2022年，祁东县送戒吸毒人员45名，缴获冰毒300克。"  # 送戒 is in no built-in table
SECOND = "2023年上半年，祁东县送戒吸毒人员52名，在107国道查获冰毒1.2公斤。"
SAVED = "2024年5月20日\n\n今年以来，郴州市共破获毒品案件37起，抓获犯罪嫌疑人41名，缴获冰毒2.6公斤。"


@pytest.fixture
def env(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    monkeypatch.setenv("DASHBOARD_USERS", str(tmp_path / "users.toml"))  # absent: sign-in off
    monkeypatch.setenv("DASHBOARD_OPEN_ACCESS", "staff")
    return data_copy


def propose(text: str, when: date, at=None):
    at = at or run(PAGE)
    at.text_input(key="data_user_name").input("王芳")
    at.text_area(key="intake_paste").input(text)
    at.date_input(key="intake_date").set_value(when)
    at.button(key="intake_propose").click().run()
    assert not at.exception, at.exception
    return at


def table(at, first_column: str = "n"):
    """The review table of figures (the first data editor with the review's columns)."""
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column and "indicator" in d.value)


def test_a_correction_in_review_teaches_the_next_report(env):
    at = propose(FIRST, date(2023, 1, 5))
    assert table(at)["indicator"].tolist() == [""]  # not known: blank, not None
    at.session_state["intake_edit_figures_1"] = {"edited_rows": {0: {"indicator": "强制隔离戒毒"}},
                                                 "added_rows": [], "deleted_rows": []}
    at.run()
    assert "已记住 1 条更正" in "\n".join(c.value for c in at.caption)
    [entry] = FolderLearnedVocab(env).entries()
    assert (entry.phrase, entry.value, entry.user) == ("送戒吸毒人员", "compulsory_rehab", "王芳")

    again = table(propose(SECOND, date(2023, 7, 5)))  # a new session: another reviewer, the next report
    row = again.iloc[0]
    assert (row["n"], row["indicator"], row["unit"], row["place"]) == (1, "强制隔离戒毒", "人", "祁东县")
    assert row["learned"].startswith("根据 王芳 于 ") and row["learned"].endswith("的更正学习")


def test_a_saved_report_proposed_again_is_marked_as_already_in_the_data(env):
    at = propose(SAVED, date(2024, 5, 20))
    assert table(at)["accept"].tolist() == [True, True]
    at.button(key="intake_check").click().run()
    previews = [d.value for d in at.dataframe if "引文" in d.value.columns or "城市" in d.value.columns]
    assert {"引文", "地点", "指标"} <= set(previews[0].columns) and set(previews[0]["地点"]) == {"郴州市"}
    assert set(previews[0]["指标"]) == {"破获毒品案件", "抓获犯罪嫌疑人"}
    assert not any({"note", "备注", "doc_date_basis", "metric"} & set(f.columns) for f in previews)
    assert previews[-1]["城市"].tolist() == ["郴州市"]  # the sources row, without the intake's English note
    at.button(key="intake_save").click().run()
    assert "已保存报告" in "\n".join(s.value for s in at.success)
    again = propose(SAVED, date(2024, 5, 20))
    figures = table(again)
    assert figures["accept"].tolist() == [False, False]  # not selected for saving by default
    assert all(d.startswith("已在数据中（in-") for d in figures["duplicate"])
    assert any("可能已在数据中" in w.value for w in again.warning)


def test_a_number_left_over_is_listed_and_added_in_one_step(env):
    at = propose(SECOND, date(2023, 7, 5))
    assert any(e.label.startswith("未成为建议记录的数字（1 个）") for e in at.expander)
    add = [b for b in at.button if b.key and b.key.startswith("intake_left_")]
    assert len(add) == 1
    add[0].click().run()
    assert not at.exception, at.exception
    figures = table(at)
    assert figures["value"].tolist() == [52, 107] and figures["n"].tolist() == [1, 3]
    assert not any(b.key and b.key.startswith("intake_left_") for b in at.button)


def test_a_correction_that_overrides_a_built_in_rule_says_so_and_undoing_it_takes_it_back(env):
    at = propose("2023年，祁东县依法刑事拘留涉毒人员30名。", date(2024, 1, 5))
    assert table(at)["indicator"].tolist() == ["刑事拘留"]
    at.session_state["intake_edit_figures_1"] = {"edited_rows": {0: {"indicator": "抓获犯罪嫌疑人"}},
                                                 "added_rows": [], "deleted_rows": []}
    at.run()
    assert any("内置规则读作“刑事拘留”" in w.value and "抓获犯罪嫌疑人" in w.value for w in at.warning)
    assert [e.value for e in FolderLearnedVocab(env).entries()] == ["suspects_arrested"]
    at.session_state["intake_edit_figures_1"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    at.run()  # undone in the same review: taken back
    assert FolderLearnedVocab(env).entries() == []
