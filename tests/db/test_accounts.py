"""Users, failed sign-ins and the audit log in PostgreSQL (the UserStore and AuditLog protocols of geo.auth)."""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest
import sqlalchemy as sa

from geo.auth import accounts
from geo.db.audit import DbAuditLog, Event
from geo.db.engine import engine
from geo.db.users import Attempts, DbUserStore

pytestmark = pytest.mark.db


def test_users_are_added_changed_and_removed(empty_db):
    store = DbUserStore(empty_db)
    store.add_user("alice", "admin", "alice-password")
    store.add_user("bob", "staff", "bob-password")
    store.set_role("bob", "viewer")
    assert {n: u.role for n, u in store.users().items()} == {"alice": "admin", "bob": "viewer"}
    assert accounts.verify(store.users(), "alice", "alice-password").name == "alice"  # an argon2 hash, checked
    assert "alice-password" not in store.users()["alice"].password_hash
    store.reset_password("bob", "new-password")
    assert accounts.verify(store.users(), "bob", "new-password") and not accounts.verify(store.users(), "bob", "bob-password")
    store.remove_user("bob")
    assert list(store.users()) == ["alice"]
    with pytest.raises(KeyError):
        store.set_role("nobody", "staff")
    with pytest.raises(ValueError):
        store.add_user("bad name!", "staff", "long-enough")
    store.remove_user("alice")


def test_users_file_is_imported_with_its_hashes(empty_db, tmp_path):
    path = tmp_path / "users.toml"
    accounts.add_user("carol", "staff", "carol-password", path)
    store = DbUserStore(empty_db)
    assert store.import_file(path) == 1
    assert store.users()["carol"].password_hash == accounts.load(path)["carol"].password_hash
    store.remove_user("carol")


def test_failed_sign_ins_counted_once_each_from_many_servers(empty_db):
    store, barrier = DbUserStore(empty_db), threading.Barrier(8)

    def fail() -> None:
        barrier.wait()
        store.update_attempts("mallory", lambda r: replace(r, failures=r.failures + (1.0,)))

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(store.attempts("mallory").failures) == 8  # no update lost: a row lock per name
    assert store.attempts("someone-else") == Attempts()
    store.update_attempts("mallory", lambda r: Attempts((), 9e9))
    assert store.attempts("mallory").locked_until == 9e9


def test_audit_log_appends_and_refuses_changes(empty_db):
    log = DbAuditLog(empty_db)
    first = Event("2026-12-01T21:45:01.000001Z", "alice", "staff", "save", "checkpoints.csv", "127.0.0.1",
                  {"added": 1, "note": "核对"})
    log.append(first)
    log.append(Event("2026-12-01T21:45:02.000001Z", "", "", "sign_in_failed", "bob"))
    assert log.events()[0] == first and [e.action for e in log.events()] == ["save", "sign_in_failed"]
    for statement in ("UPDATE audit_log SET user_name = 'eve'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine(empty_db).begin() as conn:
            conn.execute(sa.text(statement))
    assert len(log.events()) == 2
