"""One contract over both backends, as geo.backend picks them: the data folder, and a real PostGIS with
DASHBOARD_DATABASE_URL set. Multi-table saves with the report's text, record edits, history and restore, a stale
save refused, simultaneous saves, intake saves from the command line, users, lockout, sessions and the audit trail.
On the database nothing may be written to the data folder or the users file. The reports are written for these
tests (made-up figures), never taken from data/."""
from __future__ import annotations

import csv
import io
import json
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from geo import backend
from geo.auth import accounts, sessions
from geo.auth.__main__ import main as auth_cli
from geo.data import store
from geo.data.load import DirectorySource
from geo.data.tablestore import FileStore
from geo.db.source import PostgresSource
from geo.intake import rows, sheets
from geo.intake.__main__ import main as intake_cli
from geo.intake.propose import propose_text
from tests.db import test_store as store_tests

pytestmark = pytest.mark.db
REPORT = "2024年5月20日\n\n今年以来，郴州市共破获毒品案件37起，抓获犯罪嫌疑人41名，缴获冰毒2.6公斤。\n"  # made up
OTHER = "2023年4月2日\n\n今年以来，衡阳市共破获毒品案件46起，抓获犯罪嫌疑人58名。\n"  # made up


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(params=["folder", "database"])
def site(request, data_copy, tmp_path, monkeypatch):
    """The configured backend: env set as an operator would, the data folder and users file remembered."""
    users = tmp_path / "users.toml"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    monkeypatch.setenv("DASHBOARD_USERS", str(users))
    if request.param == "database":
        monkeypatch.setenv("DASHBOARD_DATABASE_URL", request.getfixturevalue("fresh_db"))
    else:
        monkeypatch.delenv("DASHBOARD_DATABASE_URL", raising=False)
    before = files_of(data_copy)
    yield {"kind": request.param, "data": data_copy, "users": users, "ts": backend.table_store()}
    if request.param == "database":  # the folder and the users file were never touched
        assert files_of(data_copy) == before and not users.exists()
        assert not list(tmp_path.glob("users.*"))


def texts(site) -> dict[str, str]:
    """The source documents as the app loads them (from this backend)."""
    url = backend.database_url()
    return PostgresSource(url).load().texts if url else DirectorySource(site["data"]).load().texts


def intake_batch(ts, text: str = REPORT) -> rows.Batch:
    result = propose_text(text, "report.txt", None, None, backend.jurisdictions_dir(ts))
    return rows.build(ts, result["records"], text, result["source"], "alice")


def edited(ts, table: str, tag: str) -> str:
    return store_tests.edited(ts, tag, table)


def test_a_report_saves_several_tables_and_its_text_in_one_step_with_audit(site):
    ts = site["ts"]
    assert isinstance(ts, FileStore) == (site["kind"] == "folder")
    batch = intake_batch(ts)
    seen = {t: ts.current_sha(t) for t in batch.texts}
    assert ts.validate_candidates(batch.texts, batch.files) == []
    entries = ts.save_tables(batch.texts, "alice", "report", batch.files, seen, role="staff", client="test")
    assert [(e.table, e.added) for e in entries] == [("figures", 2), ("seizures", 1), ("sources", 1)]
    assert texts(site)[batch.source_file] == REPORT  # any replica can show it and check quotes against it
    assert batch.source_file in ts.source_names()
    events = [e for e in backend.audit_log().events() if e.action == "save"]
    assert [(e.target, e.user, e.role, e.client, e.details["note"]) for e in events] == [
        (t, "alice", "staff", "test", "report") for t in ("figures", "seizures", "sources")]
    assert events[0].details["files"] == [f"sources/{batch.source_file}"]
    again = intake_batch(ts)  # the same report again keeps its document's name and is refused nowhere
    assert again.source_file == batch.source_file and again.files == {}


def test_a_failing_report_writes_nothing(site):
    ts = site["ts"]
    batch = intake_batch(ts)
    broken = dict(batch.texts, figures=batch.texts["figures"].replace(",431000,", ",999999,"))
    before = {t: ts.read_current(t) for t in batch.texts}
    with pytest.raises(store.StoreError) as err:
        ts.save_tables(broken, "alice", "bad", batch.files)
    assert {p.value for p in err.value.problems} >= {"999999"}
    assert {t: ts.read_current(t) for t in batch.texts} == before and batch.source_file not in ts.source_names()
    assert [e for e in backend.audit_log().events() if e.action == "save"] == []


def test_record_edit_history_restore_and_a_stale_save(site):
    ts = site["ts"]
    original, seen = ts.read_current("checkpoints"), ts.current_sha("checkpoints")
    entry = ts.save("checkpoints", edited(ts, "checkpoints", "corrected"), "alice", "edit", expected_sha=seen)
    assert (entry.added, entry.changed, entry.removed) == (0, 1, 0)
    with pytest.raises(store.Conflict):  # a preview made before alice's save
        ts.save("checkpoints", edited(ts, "checkpoints", "stale"), "bob", expected_sha=seen)
    assert "corrected" in ts.read_current("checkpoints") and "stale" not in ts.read_current("checkpoints")
    back = ts.restore("checkpoints", ts.versions("checkpoints")[0], "carol", "undo")
    assert back.action == "restore" and list(csv.reader(io.StringIO(ts.read_current("checkpoints")))) == list(
        csv.reader(io.StringIO(original)))
    assert [(e.user, e.action) for e in ts.log("checkpoints")][-2:] == [("alice", "update"), ("carol", "restore")]
    assert [e.action for e in backend.audit_log().events()] == ["save", "restore"]


def test_simultaneous_multi_table_saves_take_turns(site):
    ts, barrier, results = site["ts"], threading.Barrier(2), {}
    seen = {t: ts.current_sha(t) for t in ("checkpoints", "figures")}

    def save(name: str, tables: tuple[str, ...]) -> None:
        barrier.wait()
        try:
            ts.save_tables({t: edited(ts, t, name) for t in tables}, name, name, None, {t: seen[t] for t in tables})
            results[name] = "saved"
        except store.Conflict:
            results[name] = "conflict"

    threads = [threading.Thread(target=save, args=a) for a in (("a", ("checkpoints", "figures")), ("b", ("figures",)))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results.values()) == ["conflict", "saved"]  # both wrote figures from one preview: one wins
    winner = next(n for n, r in results.items() if r == "saved")
    assert [e.user for e in ts.log() if e.action == "update"] in ([winner], [winner] * 2)
    assert f",{winner}" in ts.read_current("figures")


def test_intake_from_the_command_line_json_and_spreadsheet(site, tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(OTHER, encoding="utf-8")
    assert intake_cli(["propose", str(tmp_path / "in"), "--out", str(tmp_path / "p.xlsx")]) == 0
    assert intake_cli(["propose", str(tmp_path / "in" / "a.txt"), "--out", str(tmp_path / "p.json")]) == 0
    ts, before = site["ts"], site["ts"].read_current("figures")
    bad = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    bad["reports"][0]["records"][0]["adcode"] = "999999"
    bad["reports"][0]["records"][1]["quote"] = "不在原文中的引文"
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert intake_cli(["save", str(tmp_path / "bad.json"), "--user", "alice", "--note", "x"]) == 2
    err = capsys.readouterr().err
    assert "bad.json: report 1 (a.txt) record figures #1, column quote" in err and "nothing was saved" in err
    assert ts.read_current("figures") == before
    assert intake_cli(["save", str(tmp_path / "p.xlsx"), "--user", "alice", "--note", "batch"]) == 0
    assert "figures +4 ~0 -0, seizures +1 ~0 -0, sources +2" in capsys.readouterr().out
    assert REPORT in texts(site).values() and OTHER in texts(site).values()
    assert {e.client for e in backend.audit_log().events()} == {"cli"}


def test_users_lockout_sessions_and_audit_through_the_command_line(site, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("long-password-1\n"))
    assert auth_cli(["add", "lee", "--role", "staff", "--password-stdin"]) == 0
    assert auth_cli(["list"]) == 0 and "lee\tstaff" in capsys.readouterr().out
    users = backend.user_store()
    for i in range(accounts.Policy().max_failures):
        accounts.sign_in(users, "lee", "wrong", time.time() + i)
    assert accounts.sign_in(users, "lee", "long-password-1").status == "locked"
    assert auth_cli(["unlock", "lee"]) == 0
    assert accounts.sign_in(users, "lee", "long-password-1").status == "ok"
    store_ = backend.session_store()
    token, other = store_.start("lee", time.time()), store_.start("lee", time.time())
    assert sessions.resume(store_, token).user == "lee"  # what any replica does after a reload
    assert store_.end(other, "button", time.time()).user == "lee" and store_.end(other, "button", time.time()) is None
    assert auth_cli(["set-role", "lee", "viewer"]) == 0  # ends lee's sessions on every replica
    assert store_.find(token).reason == "role_changed" and sessions.resume(store_, token) is None
    old = store_.start("lee", time.time() - 10 * 3600)
    assert sessions.resume(store_, old, time.time()) is None and store_.find(old).reason == "idle"
    assert auth_cli(["remove", "lee"]) == 0 and "lee" not in backend.user_store().users()
    events = [(e.action, e.target) for e in backend.audit_log().events()]
    assert events == [("user_added", "lee"), ("user_changed", "lee"), ("user_changed", "lee"),
                      ("session_ended", "lee"), ("user_removed", "lee")]


def test_the_review_spreadsheet_keeps_text_as_text_and_names_every_bad_cell(site, tmp_path, capsys):
    """Formula-looking text stays text; cells a reviewer broke are each named (sheet, row, column, value)."""
    import openpyxl

    report = sheets.Report("r.txt", "=SUM(1)", {"file": "r.txt"}, [
        {"table": "figures", "quote": "=SUM(1)", "value": 1, "label_zh": "@x", "unit": "case"}])
    sheets.to_xlsx([report], tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb["figures"]["D2"].data_type == "s" and wb["figures"]["D2"].quotePrefix
    wb["figures"]["E2"] = "many"
    wb["figures"]["A2"] = "=1+1"
    wb.save(tmp_path / "r.xlsx")
    assert intake_cli(["save", str(tmp_path / "r.xlsx"), "--user", "a", "--note", "n"]) == 2
    err = capsys.readouterr().err
    assert "r.xlsx: sheet figures row 2, column value: value 'many': expected a number" in err
    assert "column accept: value '=1+1': expected plain text or a number, not a formula" in err


def test_a_report_date_given_at_save_replaces_the_proposed_one(site, tmp_path):
    result = propose_text(REPORT, "a.txt", None, None, backend.jurisdictions_dir(site["ts"]))
    (tmp_path / "p.json").write_text(sheets.to_json([sheets.Report("a.txt", REPORT, result["source"],
                                                                   result["records"])]), encoding="utf-8")
    assert intake_cli(["save", str(tmp_path / "p.json"), "--user", "a", "--note", "n", "--date", "2024-06-01"]) == 0
    found = list(csv.DictReader(io.StringIO(site["ts"].read_current("sources"))))
    assert found[-1]["doc_date"] == date(2024, 6, 1).isoformat()
