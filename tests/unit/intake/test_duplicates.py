"""Likely duplicates: a report proposed again after it was saved, and a figure proposed twice in one batch. The
report texts were WRITTEN BY THE AUTHOR OF THESE TESTS (made-up figures)."""
from __future__ import annotations

from datetime import date

from geo.data import store
from geo.data.load import load_dataset
from geo.intake import duplicates, rows
from geo.intake.propose import propose_text

REPORT = "2023年，郴州市共破获毒品案件37起，抓获犯罪嫌疑人41名，缴获冰毒2.6公斤、海洛因1.1吨。"


def proposals(text: str, data_dir) -> list[dict]:
    return propose_text(text, "r.txt", date(2024, 1, 15), "431000", data_dir)["records"]


def tables(data_dir) -> dict:
    ds = load_dataset(data_dir)
    return {t: ds[t] for t in duplicates.ID_COLUMNS}


def test_a_report_proposed_again_after_saving_is_marked_as_in_the_data(data_copy):
    first = proposals(REPORT, data_copy)
    assert duplicates.find(first, tables(data_copy)) == [None] * len(first)  # nothing of it is saved yet
    source = {"doc_date": "2024-01-15", "title_zh": "test", "city_adcode": "431000"}
    batch = rows.build(data_copy, first, REPORT, source, "tester")
    store.save_tables(data_copy, batch.texts, "tester", "test", batch.files)
    again = duplicates.find(proposals(REPORT, data_copy), tables(data_copy))
    assert [m["kind"] for m in again] == ["data"] * 4  # the two figures and the two seizures (tonnes in kg)
    assert all(m["record"].startswith("in-") and m["quote"] in REPORT for m in again)


def test_the_same_figure_twice_in_a_batch_marks_the_second(data_copy):
    text = "2023年，郴州市破获毒品案件37起。2023年，郴州市破获毒品案件37起。2022年，郴州市破获毒品案件37起。"
    found = duplicates.find(proposals(text, data_copy), tables(data_copy))
    assert found[0] is None and found[1]["kind"] == "batch" and found[1]["record"] == "1"
    assert found[2] is None  # another period is another figure


def test_a_different_value_place_or_indicator_is_not_a_duplicate(data_copy):
    saved = proposals(REPORT, data_copy)
    changed = [saved[0] | {"value": 38}, saved[0] | {"adcode": "431002"}, saved[0] | {"indicator": "target_cases"}]
    current = tables(data_copy) | {"figures": load_dataset(data_copy)["figures"].head(0)}
    assert duplicates.find(changed, current) == [None, None, None]
