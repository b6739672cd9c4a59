"""Sign-in: argon2 hashes only, roles, the users file and its CLI."""
import io
import sys
import time

import pytest

from geo.auth import __main__ as cli
from geo.auth import accounts


@pytest.fixture
def users_path(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("DASHBOARD_USERS", str(path))
    return path


def test_no_file_means_sign_in_off(users_path):
    assert not users_path.exists() and accounts.load() == {} and not accounts.enabled()


def test_add_user_stores_only_an_argon2_hash(users_path):
    accounts.add_user("alice", "admin", "correct horse")
    text = users_path.read_text(encoding="utf-8")
    assert "correct horse" not in text and "$argon2id$" in text
    assert accounts.enabled()
    assert accounts.verify(accounts.load(), "alice", "correct horse").role == "admin"
    assert accounts.verify(accounts.load(), "alice", "wrong password") is None
    assert accounts.verify(accounts.load(), "nobody", "correct horse") is None


def test_roles_set_role_reset_and_remove(users_path):
    accounts.add_user("bob", "staff", "password-1")
    accounts.add_user("eve.v", "viewer", "password-2")
    assert [accounts.can_edit(accounts.load()[n].role) for n in ("bob", "eve.v")] == [True, False]
    accounts.set_role("eve.v", "admin")
    assert accounts.can_manage_users(accounts.load()["eve.v"].role)
    accounts.reset_password("bob", "password-3")
    assert accounts.verify(accounts.load(), "bob", "password-1") is None and accounts.verify(accounts.load(), "bob", "password-3")
    accounts.remove_user("bob")
    assert set(accounts.load()) == {"eve.v"}
    with pytest.raises(KeyError):
        accounts.set_role("bob", "staff")


def test_bad_names_roles_and_short_passwords_are_refused(users_path):
    for name, role, password in [("a b", "staff", "password"), ("ok", "root", "password"), ("ok", "staff", "short")]:
        with pytest.raises(ValueError):
            accounts.add_user(name, role, password)
    assert not users_path.exists()


def test_cli_adds_a_user_reading_the_password_from_stdin(users_path, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "data"))  # the CLI audits into the data directory
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-pass\n"))
    assert cli.main(["add", "carol", "--role", "staff", "--password-stdin"]) == 0
    assert "carol\tstaff" in capsys.readouterr().out
    assert accounts.verify(accounts.load(), "carol", "s3cret-pass").role == "staff"
    assert cli.main(["set-role", "nobody", "staff"]) == 2  # unknown user: an error, not a new user
    assert set(accounts.load()) == {"carol"}


def test_example_file_parses_and_lets_nobody_in(tmp_path):
    from tests.conftest import ROOT

    users = accounts.load(ROOT / ".streamlit" / "users.toml.example")
    assert {u.role for u in users.values()} == {"admin", "staff"}
    assert all(accounts.verify(users, n, "REPLACE") is None for n in users)


# --- sign-in throttling -------------------------------------------------------------------------------------------

POLICY = accounts.Policy(max_failures=5, window=15 * 60, duration=15 * 60)
NOW = time.time()  # stores drop records older than a day, so attempts are stamped near the real time


def test_five_failures_within_the_window_lock_the_name_for_the_duration():
    record, now = accounts.Attempts(), 1_000_000.0
    for i in range(4):
        record = accounts.after_failure(record, now + i, POLICY)
        assert not accounts.is_locked(record, now + i)
    record = accounts.after_failure(record, now + 4, POLICY)
    assert accounts.is_locked(record, now + 5) and record.locked_until == now + 4 + 15 * 60
    assert accounts.is_locked(record, now + 4 + 15 * 60 - 1) and not accounts.is_locked(record, now + 4 + 15 * 60)
    assert accounts.after_failure(record, now + 60, POLICY) == record  # failures while locked neither count nor extend


def test_failures_older_than_the_window_do_not_count():
    record, now = accounts.Attempts(), 1_000_000.0
    for i in range(4):
        record = accounts.after_failure(record, now + i, POLICY)
    record = accounts.after_failure(record, now + 15 * 60 + 10, POLICY)  # the first four have left the window
    assert not accounts.is_locked(record, now + 15 * 60 + 10) and len(record.failures) == 1


def test_sign_in_locks_known_and_unknown_names_alike_and_refuses_the_right_password(users_path):
    accounts.add_user("alice", "staff", "right-password")
    store, now = accounts.user_store(), NOW
    for name in ("alice", "nobody"):
        outcomes = [accounts.sign_in(store, name, "wrong-password", now + i, POLICY).status for i in range(5)]
        assert outcomes == ["failed"] * 4 + ["lockout"]
    assert accounts.sign_in(store, "alice", "right-password", now + 60, POLICY).status == "locked"
    assert accounts.sign_in(store, "nobody", "right-password", now + 60, POLICY).status == "locked"
    later = now + 4 + 15 * 60
    ok = accounts.sign_in(store, "alice", "right-password", later, POLICY)
    assert ok.status == "ok" and ok.user.role == "staff"
    assert store.attempts("alice") == accounts.Attempts()  # a success clears the count


def test_attempts_live_beside_the_users_file_and_hold_for_a_new_store(users_path):
    accounts.add_user("alice", "staff", "right-password")
    now = NOW
    for i in range(5):
        accounts.sign_in(accounts.FileUserStore(users_path), "alice", "wrong", now + i, POLICY)
    attempts_file = users_path.with_name("users.attempts.json")
    assert attempts_file.exists() and oct(attempts_file.stat().st_mode & 0o777) == "0o600"
    fresh = accounts.FileUserStore(users_path)  # another process, or the app after a restart
    assert accounts.is_locked(fresh.attempts("alice"), now + 10)
    assert "wrong" not in attempts_file.read_text(encoding="utf-8")  # passwords are never stored


def test_every_attempt_verifies_one_hash_whether_or_not_the_name_exists(users_path, monkeypatch):
    accounts.add_user("alice", "staff", "right-password")
    checked, real = [], accounts._hasher

    class Spy:
        def verify(self, hashed, password):
            checked.append(hashed)
            return real.verify(hashed, password)

    monkeypatch.setattr(accounts, "_hasher", Spy())
    store = accounts.user_store()
    accounts.sign_in(store, "alice", "wrong", NOW, POLICY)
    accounts.sign_in(store, "nobody", "wrong", NOW, POLICY)
    assert len(checked) == 2 and checked[0] == accounts.load()["alice"].password_hash and checked[1] == accounts._DUMMY_HASH


def test_a_typed_name_is_cut_before_it_is_stored(users_path):
    accounts.add_user("alice", "staff", "right-password")
    outcome = accounts.sign_in(accounts.user_store(), "x" * 5000, "wrong", NOW, POLICY)
    assert outcome.status == "failed"
    stored = users_path.with_name("users.attempts.json").read_text(encoding="utf-8")
    assert "x" * accounts.MAX_NAME_CHARS in stored and "x" * (accounts.MAX_NAME_CHARS + 1) not in stored


def test_cli_unlock_and_user_changes_are_audited(users_path, tmp_path, monkeypatch, capsys):
    from geo.auth import audit

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-pass\n"))
    assert cli.main(["add", "carol", "--role", "staff", "--password-stdin"]) == 0
    for i in range(5):
        accounts.sign_in(accounts.user_store(), "carol", "wrong", NOW + i, POLICY)
    assert accounts.is_locked(accounts.user_store().attempts("carol"), NOW + 10)
    assert cli.main(["unlock", "carol"]) == 0
    assert accounts.user_store().attempts("carol") == accounts.Attempts()
    assert cli.main(["set-role", "carol", "viewer"]) == 0 and cli.main(["remove", "carol"]) == 0
    events = audit.default_log().events()
    assert [(e.action, e.target, e.client) for e in events] == [
        ("user_added", "carol", "cli"), ("user_changed", "carol", "cli"), ("user_changed", "carol", "cli"),
        ("user_removed", "carol", "cli")]
    assert events[1].details == {"unlocked": True}
    assert events[0].user.startswith("cli:") and events[0].details == {"new_role": "staff"}
