"""Users and failed sign-ins in the database: the UserStore of geo/auth/accounts.py, shared by every app server,
so a lockout holds on every replica. User changes go through the same checks as the users file."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from geo.auth import accounts
from geo.auth.accounts import Attempts
from geo.db.engine import engine

KEEP_ATTEMPTS_SECONDS = 24 * 3600
UPSERT = sa.text("INSERT INTO users (name, role, password_hash) VALUES (:n, :r, :p) ON CONFLICT (name) "
                 "DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash")


class DbUserStore:
    """users and sign_in_attempts tables (migration 0002); every call reads the database, nothing is cached."""

    def __init__(self, url: str):
        self.url = url

    def users(self) -> dict[str, accounts.User]:
        with engine(self.url).connect() as conn:
            found = conn.execute(sa.text("SELECT name, role, password_hash FROM users ORDER BY name")).all()
        return {name: accounts.User(name, role, hashed) for name, role, hashed in found}

    def attempts(self, name: str) -> Attempts:
        with engine(self.url).connect() as conn:
            row = conn.execute(sa.text("SELECT failures, locked_until FROM sign_in_attempts WHERE name = :n"),
                               {"n": name}).first()
        return Attempts(tuple(row[0]), row[1]) if row else Attempts()

    def update_attempts(self, name: str, change: Callable[[Attempts], Attempts]) -> Attempts:
        """change(current) stored in one transaction; the row lock makes a second server wait, then see it."""
        with engine(self.url).begin() as conn:
            conn.execute(sa.text("INSERT INTO sign_in_attempts (name, failures, locked_until) VALUES (:n, '{}', 0) "
                                 "ON CONFLICT (name) DO NOTHING"), {"n": name})
            row = conn.execute(sa.text("SELECT failures, locked_until FROM sign_in_attempts WHERE name = :n "
                                       "FOR UPDATE"), {"n": name}).one()
            record = change(Attempts(tuple(row[0]), row[1]))
            conn.execute(sa.text("UPDATE sign_in_attempts SET failures = :f, locked_until = :l WHERE name = :n"),
                         {"f": list(record.failures), "l": record.locked_until, "n": name})
            conn.execute(sa.text("DELETE FROM sign_in_attempts WHERE name <> :n AND locked_until < :h AND "
                                 "coalesce((SELECT max(f) FROM unnest(failures) f), 0) < :h"),
                         {"n": name, "h": _horizon()})
        return record

    def add_user(self, name: str, role: str, password: str) -> accounts.User:
        """Add a user, or replace the role and password of an existing one (names and roles checked as for files)."""
        accounts._check(name, role)
        user = accounts.User(name, role, accounts.hash_password(password))
        with engine(self.url).begin() as conn:
            conn.execute(UPSERT, {"n": name, "r": role, "p": user.password_hash})
        return user

    def set_role(self, name: str, role: str) -> None:
        accounts._check(name, role)
        self._change(name, "role", role)

    def reset_password(self, name: str, password: str) -> None:
        self._change(name, "password_hash", accounts.hash_password(password))

    def remove_user(self, name: str) -> None:
        with engine(self.url).begin() as conn:
            conn.execute(sa.text("DELETE FROM users WHERE name = :n"), {"n": name})

    def _change(self, name: str, column: str, value: str) -> None:
        if column not in ("role", "password_hash"):  # the only columns a caller may change
            raise ValueError(column)
        with engine(self.url).begin() as conn:
            query = f"UPDATE users SET {column} = :v WHERE name = :n"  # nosec B608: column checked above, values bound
            done = conn.execute(sa.text(query), {"v": value, "n": name})
        if done.rowcount == 0:
            raise KeyError(name)

    def import_file(self, path: Path) -> int:
        """Copy the users of a users.toml (hashes as they are) into the database; returns how many."""
        found = accounts.load(path)
        with engine(self.url).begin() as conn:
            for user in found.values():
                conn.execute(UPSERT, {"n": user.name, "r": user.role, "p": user.password_hash})
        return len(found)


def _horizon() -> float:
    return time.time() - KEEP_ATTEMPTS_SECONDS
