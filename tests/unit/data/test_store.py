"""Staff updates: decoding, diff, validation against the other files, atomic saves, history, restore, locking."""
import csv
import io
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from geo.data import store
from geo.data.validate import validate_dir

TABLE = "checkpoints"


def edited(data_dir: Path, tag: str) -> str:
    """The checkpoints file with the first row's note changed to `tag` (a valid, distinct version)."""
    rows = list(csv.DictReader(io.StringIO(store.read_current(data_dir, TABLE))))
    rows[0]["note"] = tag
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def test_decode_accepts_utf8_bom_and_gb18030():
    text = "checkpoint_id,name_zh\ncp,衡阳检查站\n"
    assert store.decode(text.encode("utf-8")) == text
    assert store.decode(text.encode("utf-8-sig")) == text
    assert store.decode(text.encode("gb18030")) == text


def test_diff_counts_added_changed_removed_rows():
    old = "checkpoint_id,name_zh,note\na,甲,\nb,乙,\nc,丙,\n"
    new = "checkpoint_id,name_zh,note\na,甲,\nb,乙二,x\nd,丁,\n"
    d = store.diff(old, new, TABLE)
    assert d.counts == {"added": 1, "changed": 1, "removed": 1}
    assert list(d.added["checkpoint_id"]) == ["d"] and list(d.removed["checkpoint_id"]) == ["c"]
    assert d.changed[["checkpoint_id", "column", "old", "new"]].values.tolist() == [
        ["b", "name_zh", "乙", "乙二"], ["b", "note", "", "x"]]


def test_diff_of_waypoints_is_keyed_on_route_and_seq():
    old = "route_id,seq,place_ref,role,as_written,note\nr,1,a,origin,A,\nr,2,b,destination,B,\n"
    new = old.replace("r,2,b", "r,2,c")
    d = store.diff(old, new, "route_waypoints")
    assert d.counts == {"added": 0, "changed": 1, "removed": 0}
    assert d.changed.iloc[0].to_dict() == {"route_id": "r", "seq": "2", "column": "place_ref", "old": "b", "new": "c"}


def test_candidate_is_checked_against_the_other_files(data_copy):
    text = store.read_current(data_copy, TABLE).replace(",440000,", ",999999,", 1)  # an adcode no jurisdiction has
    problems = store.validate_candidate(data_copy, TABLE, text)
    assert any(p.column == "adcode" and "jurisdictions" in p.expected for p in problems)
    assert store.validate_candidate(data_copy, TABLE, edited(data_copy, "ok")) == []


def test_invalid_upload_writes_nothing(data_copy):
    before = (data_copy / "checkpoints.csv").read_bytes()
    with pytest.raises(store.StoreError) as err:
        store.save(data_copy, TABLE, "checkpoint_id\nx\n", "alice")
    assert err.value.problems
    assert (data_copy / "checkpoints.csv").read_bytes() == before
    assert store.log(data_copy) == [] and store.versions(data_copy, TABLE) == []


def test_save_keeps_previous_version_and_logs(data_copy):
    original = (data_copy / "checkpoints.csv").read_bytes()
    entry = store.save(data_copy, TABLE, edited(data_copy, "first edit"), "alice", note="fix note")
    assert (entry.user, entry.table, entry.action, entry.changed, entry.note) == (
        "alice", TABLE, "update", 1, "fix note")
    assert (data_copy / ".history" / entry.previous).read_bytes() == original
    assert entry.previous.startswith("checkpoints/") and entry.previous.endswith("__alice.csv")
    assert "first edit" in store.read_current(data_copy, TABLE)
    assert [e.note for e in store.log(data_copy, TABLE)] == ["fix note"]
    assert validate_dir(data_copy)[1] == []


def test_gb18030_upload_is_stored_as_utf8(data_copy):
    text = edited(data_copy, "编码测试")
    store.save(data_copy, TABLE, store.decode(text.encode("gb18030")), "alice")
    assert (data_copy / "checkpoints.csv").read_bytes().decode("utf-8") == text


def test_restore_brings_back_a_version_and_keeps_the_replaced_one(data_copy):
    original = store.read_current(data_copy, TABLE)
    first = store.save(data_copy, TABLE, edited(data_copy, "v1"), "alice")
    second = store.save(data_copy, TABLE, edited(data_copy, "v2"), "bob")
    back = store.restore(data_copy, TABLE, first.previous, "carol", note="undo")
    assert store.read_current(data_copy, TABLE) == original
    assert back.action == "restore" and back.restored_from == first.previous and back.changed == 1
    kept = [store.read_version(data_copy, v) for v in store.versions(data_copy, TABLE)]
    assert len(kept) == 3 and original in kept
    assert "v1" in store.read_version(data_copy, second.previous)
    assert "v2" in store.read_version(data_copy, back.previous)  # the version the restore replaced is kept


def test_restore_refuses_paths_outside_the_table_history(data_copy):
    with pytest.raises(store.StoreError):
        store.restore(data_copy, TABLE, "../checkpoints.csv", "mallory")


def test_stale_preview_is_refused(data_copy):
    seen = store.current_sha(data_copy, TABLE)
    store.save(data_copy, TABLE, edited(data_copy, "first"), "alice", expected_sha=seen)
    with pytest.raises(store.Conflict):
        store.save(data_copy, TABLE, edited(data_copy, "second"), "bob", expected_sha=seen)
    assert "first" in store.read_current(data_copy, TABLE)


def _save_in_process(data_dir: str, tag: str) -> str:
    """Runs in another process: one blind save."""
    return store.save(Path(data_dir), TABLE, edited(Path(data_dir), tag), f"proc-{tag}").sha256


def test_simultaneous_saves_from_threads_and_processes_lose_nothing(data_copy):
    original = (data_copy / "checkpoints.csv").read_bytes()
    written, errors = [], []
    barrier = threading.Barrier(4)

    def worker(tag: str) -> None:
        barrier.wait()  # all threads start saving at once
        try:
            written.append(store.save(data_copy, TABLE, edited(data_copy, tag), f"thread-{tag}").sha256)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        futures = [pool.submit(_save_in_process, str(data_copy), f"p{i}") for i in range(2)]
        threads = [threading.Thread(target=worker, args=(f"t{i}",)) for i in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        written += [f.result() for f in futures]
    assert errors == []
    entries = store.log(data_copy, TABLE)
    assert len(entries) == 6 and sorted(e.sha256 for e in entries) == sorted(written)
    kept = [(data_copy / ".history" / v).read_bytes() for v in store.versions(data_copy, TABLE)]
    assert len(kept) == 6
    every_version = {store.sha256(b) for b in kept} | {store.current_sha(data_copy, TABLE)}
    assert every_version == set(written) | {store.sha256(original)}  # nothing lost, nothing torn
    for data in kept:
        assert list(csv.DictReader(io.StringIO(data.decode("utf-8"))))  # every kept file parses
    assert validate_dir(data_copy)[1] == []
    assert not list(data_copy.glob(".*.tmp"))  # no temp files left behind


def test_two_staff_confirming_the_same_preview_one_wins(data_copy):
    seen = store.current_sha(data_copy, TABLE)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def confirm(tag: str) -> None:
        barrier.wait()
        try:
            store.save(data_copy, TABLE, edited(data_copy, tag), tag, expected_sha=seen)
            results.append("saved")
        except store.Conflict:
            results.append("conflict")

    threads = [threading.Thread(target=confirm, args=(n,)) for n in ("alice", "bob")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results) == ["conflict", "saved"]
    assert len(store.log(data_copy)) == 1


def test_restoring_a_version_that_is_no_longer_valid_is_refused(data_copy):
    store.save(data_copy, TABLE, edited(data_copy, "v1"), "alice")
    stale = data_copy / ".history" / TABLE / "20000101T000000000000Z__old.csv"
    stale.write_text(store.read_current(data_copy, TABLE).replace(",440000,", ",999999,", 1), encoding="utf-8")
    before = store.read_current(data_copy, TABLE)
    with pytest.raises(store.StoreError) as err:
        store.restore(data_copy, TABLE, f"{TABLE}/{stale.name}", "bob")
    assert any(p.column == "adcode" for p in err.value.problems)
    assert store.read_current(data_copy, TABLE) == before and len(store.log(data_copy)) == 1
