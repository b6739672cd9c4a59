"""The audit log: one JSON line per event, appended under a lock, rotated by size and never rewritten."""
import csv
import io
import json
import threading

import pytest

from geo.auth import audit


def test_each_event_is_one_json_line_with_utc_time(tmp_path):
    log = audit.JsonlAuditLog(tmp_path / ".audit")
    log.append(audit.event("alice", "admin", "save", "checkpoints", "127.0.0.1", added=1, changed=2, removed=0))
    log.append(audit.event("", "", "sign_in_failed", "", "10.0.0.9"))
    lines = (tmp_path / ".audit" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert set(first) == set(audit.COLUMNS) and first["time"].endswith("Z") and first["time"][10] == "T"
    assert (first["user"], first["role"], first["action"], first["target"], first["client"]) == (
        "alice", "admin", "save", "checkpoints", "127.0.0.1")
    assert first["details"] == {"added": 1, "changed": 2, "removed": 0}
    assert [e.action for e in log.events()] == ["save", "sign_in_failed"]


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.event("alice", "admin", "delete_everything")


def test_rotation_keeps_every_line(tmp_path):
    log = audit.JsonlAuditLog(tmp_path, max_bytes=600)
    for i in range(20):
        log.append(audit.event("alice", "staff", "export", f"file-{i}.png"))
    files = log.files()
    assert len(files) > 2 and files[-1].name == "audit.jsonl"
    assert all(p.stat().st_size <= 600 for p in files)
    assert [e.target for e in log.events()] == [f"file-{i}.png" for i in range(20)]  # oldest first, none lost


def test_appends_from_many_threads_are_whole_lines(tmp_path):
    log = audit.JsonlAuditLog(tmp_path, max_bytes=4000)
    threads = [threading.Thread(target=lambda n=n: [log.append(audit.event(f"u{n}", "staff", "export", str(i)))
                                                    for i in range(10)]) for n in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    events = log.events()
    assert len(events) == 40 and {e.user for e in events} == {"u0", "u1", "u2", "u3"}


def test_select_by_action_user_and_dates():
    events = [audit.Event("2026-11-30T10:00:00.000000Z", "alice", "admin", "sign_in"),
              audit.Event("2026-12-01T09:00:00.000000Z", "bob", "staff", "save", "routes"),
              audit.Event("2026-12-01T23:59:00.000000Z", "alice", "admin", "export", "x.png")]
    assert [e.action for e in audit.select(events, ("save", "export"))] == ["save", "export"]
    assert [e.action for e in audit.select(events, user="alice")] == ["sign_in", "export"]
    assert [e.action for e in audit.select(events, since="2026-12-01", until="2026-12-01")] == ["save", "export"]
    assert audit.select(events, until="2026-11-29") == []


def test_csv_download_opens_in_excel_and_keeps_formulas_as_text():
    events = [audit.Event("2026-12-01T09:00:00.000000Z", "=HYPERLINK(\"http://x\")", "", "sign_in_failed", "",
                          "10.0.0.1", {"until": "2026-12-01T09:15:00Z"})]
    data = audit.to_csv(events)
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(audit.COLUMNS)
    assert rows[1][1].startswith("'=") and json.loads(rows[1][6]) == {"until": "2026-12-01T09:15:00Z"}


def test_the_log_offers_no_way_to_change_or_delete():
    log = audit.JsonlAuditLog
    assert {name for name in dir(log) if not name.startswith("_")} == {"append", "events", "files"}
