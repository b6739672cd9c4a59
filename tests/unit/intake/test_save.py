"""Accepted proposals saved through the store: one lock, validated together with the existing data, every replaced
version kept, and a restore takes the new records away again. A batch that fails validation writes nothing."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geo.data import store
from geo.data.validate import validate_dir
from geo.intake import rows
from geo.intake.propose import propose_text

REPORT = "今年以来，郴州市共破获毒品案件37起，抓获犯罪嫌疑人41名，缴获冰毒2.6公斤、麻古3000余粒。"  # written for this test


def proposal(data_dir: Path, text: str = REPORT) -> dict:
    return propose_text(text, "report.txt", date(2024, 5, 20), None, data_dir)


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(data_dir).as_posix(): p.read_bytes() for p in data_dir.rglob("*")
            if p.is_file() and ".history" not in p.parts}


def test_save_then_restore(data_copy):
    result = proposal(data_copy)
    batch = rows.build(data_copy, result["records"], REPORT, result["source"], "alice")
    assert set(batch.texts) == {"figures", "seizures", "sources"}
    entries = store.save_tables(data_copy, batch.texts, "alice", "report", batch.files)
    assert [(e.table, e.added) for e in entries] == [("figures", 2), ("seizures", 2), ("sources", 1)]
    assert validate_dir(data_copy)[1] == []
    assert (data_copy / "sources" / batch.source_file).read_text(encoding="utf-8") == REPORT
    figures = pd.read_csv(data_copy / "figures.csv", dtype=str, keep_default_na=False)
    new = figures[figures["source_file"] == batch.source_file]
    assert new[["adcode", "value", "unit", "period_start", "quote"]].values.tolist() == [
        ["431000", "37", "case", "2024-01-01", "郴州市共破获毒品案件37起"],
        ["431000", "41", "person", "2024-01-01", "抓获犯罪嫌疑人41名"]]
    seizures = pd.read_csv(data_copy / "seizures.csv", dtype=str, keep_default_na=False)
    assert seizures[seizures["source_file"] == batch.source_file]["drug_type"].tolist() == ["methamphetamine", "magu"]
    store.restore(data_copy, "figures", entries[0].previous, "alice")
    figures = pd.read_csv(data_copy / "figures.csv", dtype=str, keep_default_na=False)
    assert batch.source_file not in set(figures["source_file"])


def test_failing_batch_writes_nothing_and_names_each_row(data_copy):
    result = proposal(data_copy)
    records = [dict(r) for r in result["records"]]
    records[1]["adcode"] = "999999"
    records[2]["qualifier"] = "roughly"
    before = snapshot(data_copy)
    batch = rows.build(data_copy, records, REPORT, result["source"], "alice")
    with pytest.raises(store.StoreError) as err:
        store.save_tables(data_copy, batch.texts, "alice", "", batch.files)
    listed = {(p["proposal"], p["column"]) for p in rows.row_problems(batch, err.value.problems)}
    assert {(1, "adcode"), (2, "qualifier")} <= listed
    assert snapshot(data_copy) == before


def test_a_missing_date_is_a_problem_of_sources(data_copy):
    result = propose_text(REPORT, "report.txt", None, None, data_copy)
    batch = rows.build(data_copy, result["records"], REPORT, result["source"], "alice")
    with pytest.raises(store.StoreError) as err:
        store.save_tables(data_copy, batch.texts, "alice", "", batch.files)
    assert [(p.file, p.column) for p in err.value.problems] == [("sources.csv", "doc_date")]


def test_an_edited_quote_must_stay_verbatim(data_copy):
    result = proposal(data_copy)
    records = [dict(r) for r in result["records"]]
    records[0]["quote"] = "郴州市共破获毒品案件73起"
    assert rows.unverbatim(records, REPORT) == [0]


def test_an_existing_source_document_is_never_overwritten(data_copy):
    result = proposal(data_copy)
    batch = rows.build(data_copy, result["records"], REPORT, result["source"], "alice")
    (data_copy / "sources" / batch.source_file).write_text("另一份文件", encoding="utf-8")
    with pytest.raises(store.StoreError, match="exists with other content"):
        store.save_tables(data_copy, batch.texts, "alice", "", batch.files)


def test_the_same_report_keeps_its_name(data_copy):
    result = proposal(data_copy)
    first = rows.build(data_copy, result["records"], REPORT, result["source"], "alice")
    store.save_tables(data_copy, first.texts, "alice", "", first.files)
    assert rows.source_name(REPORT, data_copy) == first.source_file


def test_tonnes_become_kilograms(data_copy):
    text = "2023年，全省共缴获毒品1.5吨。"
    result = propose_text(text, "t.txt", date(2024, 1, 5), "430000", data_copy)
    batch = rows.build(data_copy, result["records"], text, result["source"], "alice")
    seizures = pd.read_csv(__import__("io").StringIO(batch.texts["seizures"]), dtype=str, keep_default_na=False)
    row = seizures.iloc[-1]
    assert (row["quantity"], row["unit"], row["adcode"]) == ("1500", "kg", "430000")
    assert "tonnes" in row["note"]


CASE_REPORT = ("2023年8月，永州市公安局禁毒支队成功侦破公安部“2023-118”毒品目标案件，抓获犯罪嫌疑人9名，缴获冰毒12公斤，"
               "斩断一条从缅甸经云南到湖南永州的贩毒通道。")  # written for this test


def test_a_case_and_its_route_are_saved_linked(data_copy):
    result = propose_text(CASE_REPORT, "case.txt", date(2023, 9, 1), None, data_copy)
    by_table = {r["table"]: r for r in result["records"]}
    assert (by_table["cases"]["case_no"], by_table["cases"]["level"], by_table["cases"]["value"]) == (
        "2023-118", "ministry_target", 9)
    assert by_table["routes"]["waypoints"] == ["MMR", "530000", "431100"]
    batch = rows.build(data_copy, result["records"], CASE_REPORT, result["source"], "alice")
    store.save_tables(data_copy, batch.texts, "alice", "", batch.files)
    assert validate_dir(data_copy)[1] == []
    read = lambda name: pd.read_csv(data_copy / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    case = read("cases").iloc[-1]
    assert (case["case_number"], case["suspects"], case["adcode"]) == ("2023-118", "9", "431100")
    assert read("seizures").iloc[-1]["case_id"] == case["case_id"]
    route = read("routes").iloc[-1]
    assert route["case_id"] == case["case_id"]
    stops = read("route_waypoints")
    stops = stops[stops["route_id"] == route["route_id"]]
    assert stops[["place_ref", "role"]].values.tolist() == [["MMR", "origin"], ["530000", "transit"],
                                                          ["431100", "destination"]]
