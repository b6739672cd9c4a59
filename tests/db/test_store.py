"""The data page's store contract, on the data folder and on PostgreSQL alike: validated saves, history, restore,
refused stale previews, and simultaneous saves that take turns (several processes, as several app servers)."""
from __future__ import annotations

import csv
import io
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from geo.data import store
from geo.data.tablestore import FileStore, Unavailable
from geo.db.engine import engine
from geo.db.source import PostgresSource
from geo.db.store import DbStore

pytestmark = pytest.mark.db
TABLE = "checkpoints"


@pytest.fixture(params=["files", "database"])
def ts(request, data_copy):
    if request.param == "files":
        return FileStore(data_copy)
    return DbStore(request.getfixturevalue("fresh_db"))


def edited(ts, tag: str, table: str = TABLE) -> str:
    """The table (checkpoints) with the first row's note set to `tag` (a valid, distinct version)."""
    rows = list(csv.DictReader(io.StringIO(ts.read_current(table))))
    rows[0]["note"] = tag
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def test_save_keeps_the_previous_version_and_logs(ts):
    before, logged = ts.read_current(TABLE), len(ts.log(TABLE))
    entry = ts.save(TABLE, edited(ts, "checked 2026"), "alice", note="verified")
    assert (entry.user, entry.action, entry.added, entry.changed, entry.removed) == ("alice", "update", 0, 1, 0)
    assert "checked 2026" in ts.read_current(TABLE)
    assert ts.log(TABLE)[-1].note == "verified" and len(ts.log(TABLE)) == logged + 1
    newest = ts.versions(TABLE)[0]
    assert list(csv.reader(io.StringIO(ts.read_version(newest)))) == list(csv.reader(io.StringIO(before)))
    assert "alice" in ts.version_label(newest)


def test_invalid_upload_writes_nothing(ts):
    before = ts.read_current(TABLE)
    bad = before.replace(",440000,", ",999999,", 1)
    problems = ts.validate_candidate(TABLE, bad)
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [("checkpoints.csv", 2, "adcode", "999999")]
    with pytest.raises(store.StoreError) as err:
        ts.save(TABLE, bad, "alice")
    assert err.value.problems == problems and ts.read_current(TABLE) == before


def test_removing_a_referenced_row_is_refused(ts):
    text = ts.read_current("cases")
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith("hy-case-2016-361,")]
    problems = ts.validate_candidate("cases", "".join(kept))
    assert {(p.file, p.column, p.value) for p in problems} >= {("seizures.csv", "case_id", "hy-case-2016-361")}


def test_restore_brings_back_a_version_and_keeps_the_replaced_one(ts):
    original = ts.read_current(TABLE)
    ts.save(TABLE, edited(ts, "v1"), "alice")
    first = ts.versions(TABLE)[0]  # the original, replaced by v1
    entry = ts.restore(TABLE, first, "bob", note="back")
    assert entry.action == "restore" and entry.restored_from == first
    assert list(csv.reader(io.StringIO(ts.read_current(TABLE)))) == list(csv.reader(io.StringIO(original)))
    assert "v1" in ts.read_version(ts.versions(TABLE)[0])  # the version the restore replaced is kept too


def test_stale_preview_is_refused_and_the_new_difference_shows(ts):
    seen = ts.current_sha(TABLE)
    ts.save(TABLE, edited(ts, "first"), "alice", expected_sha=seen)
    with pytest.raises(store.Conflict):
        ts.save(TABLE, edited(ts, "second"), "bob", expected_sha=seen)
    assert "first" in ts.read_current(TABLE)
    d = store.diff(ts.read_current(TABLE), edited(ts, "second"), TABLE)  # what bob is shown next
    assert d.counts == {"added": 0, "changed": 1, "removed": 0} and set(d.changed["old"]) == {"first"}


def test_two_staff_confirming_the_same_preview_one_wins(ts):
    seen, logged, results = ts.current_sha(TABLE), len(ts.log()), []
    barrier = threading.Barrier(2)

    def confirm(tag: str) -> None:
        barrier.wait()
        try:
            ts.save(TABLE, edited(ts, tag), tag, expected_sha=seen)
            results.append("saved")
        except store.Conflict:
            results.append("conflict")

    threads = [threading.Thread(target=confirm, args=(n,)) for n in ("alice", "bob")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results) == ["conflict", "saved"] and len(ts.log()) == logged + 1


def test_simultaneous_saves_from_several_servers_lose_nothing(fresh_db):
    """Four saves at once, each on its own connection (as from four app servers; DbStore has no lock in Python,
    so only the database's advisory lock can make them take turns)."""
    db = DbStore(fresh_db)
    original, version = db.current_sha(TABLE), PostgresSource(fresh_db).fingerprint()
    barrier = threading.Barrier(4)

    def blind_save(tag: str) -> str:
        barrier.wait()
        return db.save(TABLE, edited(db, tag), f"server-{tag}").sha256

    with ThreadPoolExecutor(max_workers=4) as pool:
        written = list(pool.map(blind_save, ["a", "b", "c", "d"]))
    entries = [e for e in db.log(TABLE) if e.action == "update"]
    assert sorted(e.sha256 for e in entries) == sorted(written)
    kept = {store.sha256(db.read_version(v).encode()) for v in db.versions(TABLE)}
    assert kept | {db.current_sha(TABLE)} >= set(written) | {original}  # every version is somewhere
    assert PostgresSource(fresh_db).fingerprint() != version
    with engine(fresh_db).connect() as conn:
        assert conn.execute(sa.text("SELECT version FROM data_version")).scalar() == 1 + 4


def test_a_database_that_is_away_refuses_saves(pg):
    db = DbStore(pg.url("no_such_database"))
    with pytest.raises(Unavailable, match="no_such_database.*nothing was saved"):
        db.save(TABLE, "checkpoint_id\n", "alice")
    with pytest.raises(Unavailable):
        db.read_current(TABLE)
