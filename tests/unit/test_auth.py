"""Sign-in: argon2 hashes only, roles, the users file and its CLI."""
import io
import sys

import pytest

from geo import auth


@pytest.fixture
def users_path(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("DASHBOARD_USERS", str(path))
    return path


def test_no_file_means_sign_in_off(users_path):
    assert not users_path.exists() and auth.load() == {} and not auth.enabled()


def test_add_user_stores_only_an_argon2_hash(users_path):
    auth.add_user("alice", "admin", "correct horse")
    text = users_path.read_text(encoding="utf-8")
    assert "correct horse" not in text and "$argon2id$" in text
    assert auth.enabled()
    assert auth.verify(auth.load(), "alice", "correct horse").role == "admin"
    assert auth.verify(auth.load(), "alice", "wrong password") is None
    assert auth.verify(auth.load(), "nobody", "correct horse") is None


def test_roles_set_role_reset_and_remove(users_path):
    auth.add_user("bob", "staff", "password-1")
    auth.add_user("eve.v", "viewer", "password-2")
    assert [auth.can_edit(auth.load()[n].role) for n in ("bob", "eve.v")] == [True, False]
    auth.set_role("eve.v", "admin")
    assert auth.can_manage_users(auth.load()["eve.v"].role)
    auth.reset_password("bob", "password-3")
    assert auth.verify(auth.load(), "bob", "password-1") is None and auth.verify(auth.load(), "bob", "password-3")
    auth.remove_user("bob")
    assert set(auth.load()) == {"eve.v"}
    with pytest.raises(KeyError):
        auth.set_role("bob", "staff")


def test_bad_names_roles_and_short_passwords_are_refused(users_path):
    for name, role, password in [("a b", "staff", "password"), ("ok", "root", "password"), ("ok", "staff", "short")]:
        with pytest.raises(ValueError):
            auth.add_user(name, role, password)
    assert not users_path.exists()


def test_cli_adds_a_user_reading_the_password_from_stdin(users_path, data_copy, monkeypatch, capsys):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))  # the CLI audits into the data directory
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-pass\n"))
    assert auth.main(["add", "carol", "--role", "staff", "--password-stdin"]) == 0
    assert "carol\tstaff" in capsys.readouterr().out
    assert auth.verify(auth.load(), "carol", "s3cret-pass").role == "staff"
    assert auth.main(["set-role", "nobody", "staff"]) == 2  # unknown user: an error, not a new user
    assert set(auth.load()) == {"carol"}


def test_example_file_parses_and_lets_nobody_in(tmp_path):
    from tests.conftest import ROOT

    users = auth.load(ROOT / ".streamlit" / "users.toml.example")
    assert {u.role for u in users.values()} == {"admin", "staff"}
    assert all(auth.verify(users, n, "REPLACE") is None for n in users)
