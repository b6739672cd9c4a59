"""新增报告 under AppTest: paste a report (text written for this test), confirm its date, see the proposals,
validate, save; a report outside the four cities adds its city to the filter; the record editor saves a cell."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from tests.app.test_pages import run

PAGE = "pages/data.py"
REPORT = "今年以来，郴州市共破获毒品案件37起，抓获犯罪嫌疑人41名，缴获冰毒2.6公斤。"  # written for this test


@pytest.fixture
def env(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    monkeypatch.setenv("DASHBOARD_USERS", str(tmp_path / "users.toml"))  # absent: sign-in off
    monkeypatch.setenv("DASHBOARD_OPEN_ACCESS", "staff")  # open mode is opt-in
    return data_copy


def propose(text: str, when: date | None = date(2024, 5, 20)):
    at = run(PAGE)
    at.text_area(key="intake_paste").input(text)
    if when:
        at.date_input(key="intake_date").set_value(when)
    at.button(key="intake_propose").click().run()
    assert not at.exception, at.exception
    return at


def test_paste_propose_validate_save(env):
    at = propose(REPORT)
    assert "3 条建议记录" in "\n".join(i.value for i in at.info)
    at.button(key="intake_check").click().run()
    assert not at.exception, at.exception
    assert [m.value for m in at.metric][:3] == ["2", "0", "0"]  # figures: 2 added, nothing changed or removed
    at.button(key="intake_save").click().run()
    assert not at.exception, at.exception
    assert "已保存报告" in "\n".join(s.value for s in at.success)
    figures = pd.read_csv(env / "figures.csv", dtype=str, keep_default_na=False)
    assert figures["quote"].str.contains("郴州市共破获毒品案件37起").sum() == 1
    log = [json.loads(line) for line in (env / ".history" / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["table"] for e in log} == {"figures", "seizures", "sources"}
    assert at.multiselect(key="city").options[-1] == "郴州市"  # 郴州 (431000) joins the filter's cities


def test_text_without_figures_is_refused(env):
    at = propose("全市上下要坚决打赢禁毒人民战争。")
    assert "no figures found" in "\n".join(e.value for e in at.error)


def test_missing_date_is_listed_and_nothing_is_written(env):
    before = (env / "figures.csv").read_bytes()
    at = propose("全市共破获毒品案件12起。", when=None)
    assert any("没有找到日期" in w.value for w in at.warning)
    at.button(key="intake_check").click().run()
    assert any("问题" in e.value for e in at.error)
    assert (env / "figures.csv").read_bytes() == before
    assert not (env / ".history" / "log.jsonl").exists()


def test_record_editor_opens_a_table_by_city(env):
    at = run(PAGE)
    at.selectbox(key="edit_table").set_value("figures").run()
    at.selectbox(key="edit_city").set_value("410400").run()
    assert not at.exception, at.exception
    assert at.button(key="edit_save").disabled  # nothing changed yet
    shown = next(d.value for d in at.dataframe if "figure_id" in d.value.columns)
    assert "metric" not in shown.columns and set(shown["adcode"]) <= {"平顶山市", "鲁山县", "叶县", "郏县", "宝丰县",
                                                                      "舞钢市", "汝州市", "新华区", "卫东区", "石龙区",
                                                                      "湛河区"}
    assert "破获毒品案件" in set(shown["indicator"]) and "drug_cases" not in set(shown["indicator"])
    assert "起" in set(shown["unit"]) and "case" not in set(shown["unit"])


def test_record_editor_words_read_back_as_the_codes_of_the_file(env):
    from geo.data import words
    from geo.data.load import load_dataset
    from geo.ui.editor import place_labels

    ds = load_dataset(env)
    for table in ("figures", "seizures", "cases", "checkpoints", "demo_sites"):
        full = pd.read_csv(env / f"{table}.csv", dtype=str, keep_default_na=False)
        for lang in ("zh", "en"):
            places = place_labels(ds, lang)
            back = words.from_words(words.to_words(full, table, lang, places), table, lang, places)
            assert back.equals(full.drop(columns=[c for c in words.HIDDEN if c in full])), (table, lang)


def test_report_text_is_escaped_with_quotes_marked():
    from geo.ui.intake import highlighted

    text = "<script>alert(1)</script>\n全市共破获毒品案件12起。"
    start = text.index("全市")
    out = highlighted(text, [{"quote_start": start, "quote_end": start + len("全市共破获毒品案件12起")}])
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<mark" in out and "全市共破获毒品案件12起</mark>" in out


def test_a_corrected_cell_is_saved_through_the_store_with_history(env):
    import io

    from geo.data import store
    from geo.ui.editor import merged

    full = pd.read_csv(env / "checkpoints.csv", dtype=str, keep_default_na=False)
    part = full[full["adcode"].str[:4] == "4311"].copy()
    part.iloc[0, part.columns.get_loc("note")] = "更正：经核实"
    text = merged(full, part).to_csv(index=False)
    d = store.diff(store.read_current(env, "checkpoints"), text, "checkpoints")
    assert d.changed_rows == 1 and d.changed["new"].tolist() == ["更正：经核实"]
    store.save(env, "checkpoints", text, "sam", "corrected in the record editor")
    saved = pd.read_csv(io.StringIO(store.read_current(env, "checkpoints")), dtype=str, keep_default_na=False)
    assert (saved.drop(columns="note") == full.drop(columns="note")).all().all()
    assert len(store.versions(env, "checkpoints")) == 1
