"""Sign-in: users with argon2-hashed passwords and roles, sign-in throttling, and where users are stored.

The decisions are pure functions (`verify`, `after_failure`, `is_locked`, `sign_in` over a store); storage is the
`UserStore` interface, kept today by `FileUserStore` (users.toml and the failed attempts beside it, one lock).
The command line (`python -m geo.auth`) lives in `geo/auth/__main__.py`.
"""
from __future__ import annotations

import json
import os
import re
import time
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from filelock import FileLock

from geo import settings

ROLES = ("viewer", "staff", "admin")
EDITORS = ("staff", "admin")  # may upload and restore data, and see internal records
NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str = ""


def users_file() -> Path:
    """$DASHBOARD_USERS if set, else .streamlit/users.toml beside the app."""
    env = os.environ.get(settings.USERS_FILE_ENV)
    return Path(env) if env else settings.DEFAULT_USERS_FILE


def load(path: Path | None = None) -> dict[str, User]:
    """Users from the file; none (sign-in off) when it does not exist."""
    path = path or users_file()
    if not path.exists():
        return {}
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: User(name, entry.get("role", "viewer"), entry.get("password_hash", ""))
            for name, entry in (doc.get("users") or {}).items()}


def enabled(path: Path | None = None) -> bool:
    """Sign-in is on when the users file lists at least one user."""
    return bool(load(path))


def can_edit(role: str | None) -> bool:
    return role in EDITORS


def can_manage_users(role: str | None) -> bool:
    return role == "admin"


def hash_password(password: str) -> str:
    if len(password) < settings.MIN_PASSWORD_LENGTH:
        raise ValueError(f"password shorter than {settings.MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def verify(users: dict[str, User], name: str, password: str) -> User | None:
    """The user when the password matches; None otherwise (unknown names cost a hash too, so timing tells nothing)."""
    user = users.get(name)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


_DUMMY_HASH = _hasher.hash("not a password")


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dump(users: dict[str, User]) -> str:
    lines = ["# Dashboard users: argon2 password hashes, never plain text. Manage with `python -m geo.auth`.", ""]
    for user in sorted(users.values(), key=lambda u: u.name):
        lines += [f"[users.{_toml_string(user.name)}]", f"role = {_toml_string(user.role)}",
                  f"password_hash = {_toml_string(user.password_hash)}", ""]
    return "\n".join(lines)


def _update(path: Path | None, change) -> dict[str, User]:
    """Read, change and write the users file under a lock (atomically, readable by the owner only)."""
    from geo.data.store import atomic_write  # store imports pandas; only writers pay for it

    path = path or users_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(path) + ".lock", timeout=30):
        users = load(path)
        change(users)
        atomic_write(path, dump(users).encode("utf-8"))
        os.chmod(path, 0o600)
    return users


def _check(name: str, role: str) -> None:
    if not NAME_RE.match(name):
        raise ValueError("user names are 1-40 letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")


def add_user(name: str, role: str, password: str, path: Path | None = None) -> User:
    """Add a user, or replace the role and password of an existing one."""
    _check(name, role)
    user = User(name, role, hash_password(password))
    _update(path, lambda users: users.__setitem__(name, user))
    return user


def set_role(name: str, role: str, path: Path | None = None) -> None:
    _check(name, role)

    def change(users: dict[str, User]) -> None:
        if name not in users:
            raise KeyError(name)
        users[name] = User(name, role, users[name].password_hash)
    _update(path, change)


def reset_password(name: str, password: str, path: Path | None = None) -> None:
    hashed = hash_password(password)

    def change(users: dict[str, User]) -> None:
        if name not in users:
            raise KeyError(name)
        users[name] = User(name, users[name].role, hashed)
    _update(path, change)


def remove_user(name: str, path: Path | None = None) -> None:
    _update(path, lambda users: users.pop(name, None))


# --- Sign-in throttling: pure decisions over the failed attempts a store keeps per user name ---------------------

@dataclass(frozen=True)
class Attempts:
    """The failed sign-ins of one user name (UNIX times) since its last success or lock, and when a lock ends."""

    failures: tuple[float, ...] = ()
    locked_until: float = 0.0


@dataclass(frozen=True)
class Policy:
    """`max_failures` failures within `window` seconds lock a name for `duration` seconds."""

    max_failures: int = settings.AUTH_MAX_FAILURES
    window: float = settings.AUTH_FAILURE_WINDOW_MINUTES * 60
    duration: float = settings.AUTH_LOCKOUT_MINUTES * 60


def is_locked(record: Attempts, now: float) -> bool:
    return now < record.locked_until


def after_failure(record: Attempts, now: float, policy: Policy) -> Attempts:
    """The record once one more failure is counted: the one that makes `max_failures` starts the lock (and clears
    the count, so a name is never locked again by failures that already locked it). Failures while locked are not
    counted: they are refused unchecked, and counting them would let a guessing loop keep a user out for ever."""
    if is_locked(record, now):
        return record
    recent = tuple(f for f in record.failures if f > now - policy.window) + (now,)
    if len(recent) >= policy.max_failures:
        return Attempts((), now + policy.duration)
    return replace(record, failures=recent)


@dataclass(frozen=True)
class Outcome:
    """What a sign-in attempt came to: "ok" (with the user), "failed", "lockout" (this failure locked the name) or
    "locked" (refused unchecked until `locked_until`). Failed and locked say nothing about whether the name exists."""

    status: str
    user: User | None = None
    locked_until: float = 0.0


class UserStore(Protocol):
    """Where users and their failed sign-ins live (the users file today; a database table later). Shared by every
    app process, so a lock holds across sessions, restarts and replicas. Implementations must:

    - `users()`: every user by name, as stored now (no caching: a removed user or changed role applies at the next
      rerun). Empty when none is configured.
    - `attempts(name)`: the stored `Attempts` of a user name (any string, including names of no user), or an empty
      `Attempts()`.
    - `update_attempts(name, change)`: atomically (one lock or transaction, so two processes never both read the
      old record) store `change(current)` for the name and return it; storing an empty `Attempts()` may delete it.
      Records with nothing newer than a day may be dropped.
    """

    def users(self) -> dict[str, User]: ...

    def attempts(self, name: str) -> Attempts: ...

    def update_attempts(self, name: str, change: Callable[[Attempts], Attempts]) -> Attempts: ...


KEEP_ATTEMPTS_SECONDS = 24 * 3600


class FileUserStore:
    """users.toml (`load`, `add_user` …) and `<stem>.attempts.json` beside it, under the users file's lock."""

    def __init__(self, path: Path | None = None):
        self.path = path or users_file()
        self.attempts_path = self.path.with_name(self.path.stem + ".attempts.json")

    def users(self) -> dict[str, User]:
        return load(self.path)

    def add_user(self, name: str, role: str, password: str) -> User:
        return add_user(name, role, password, self.path)

    def set_role(self, name: str, role: str) -> None:
        set_role(name, role, self.path)

    def reset_password(self, name: str, password: str) -> None:
        reset_password(name, password, self.path)

    def remove_user(self, name: str) -> None:
        remove_user(name, self.path)

    def _read(self) -> dict[str, Attempts]:
        if not self.attempts_path.exists():
            return {}
        raw = json.loads(self.attempts_path.read_text(encoding="utf-8") or "{}")
        return {name: Attempts(tuple(r.get("failures", ())), r.get("locked_until", 0.0)) for name, r in raw.items()}

    def attempts(self, name: str) -> Attempts:
        with FileLock(str(self.path) + ".lock", timeout=30):
            return self._read().get(name, Attempts())

    def update_attempts(self, name: str, change: Callable[[Attempts], Attempts]) -> Attempts:
        from geo.data.store import atomic_write  # store imports pandas; only writers pay for it

        self.path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.path) + ".lock", timeout=30):
            records = self._read()
            record = records[name] = change(records.get(name, Attempts()))
            horizon = time.time() - KEEP_ATTEMPTS_SECONDS
            kept = {n: {"failures": list(r.failures), "locked_until": r.locked_until} for n, r in records.items()
                    if max((*r.failures, r.locked_until)) > horizon}
            atomic_write(self.attempts_path, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
            os.chmod(self.attempts_path, 0o600)
        return record


def user_store(path: Path | None = None) -> UserStore:
    """The users file (this package cannot reach the database: geo.backend.user_store() picks the database when
    DASHBOARD_DATABASE_URL is set, and the app and every command line ask there)."""
    return FileUserStore(path)


MAX_NAME_CHARS = 64  # what a typed name may add to the attempts file and the audit log


def sign_in(store: UserStore, name: str, password: str, now: float | None = None,
            policy: Policy | None = None) -> Outcome:
    """Check a password and count the failure. The hash is always verified first (against a dummy hash for an
    unknown name), so the time taken tells neither whether the name exists nor whether it is locked."""
    now, policy, name = time.time() if now is None else now, policy or Policy(), name[:MAX_NAME_CHARS]
    user = verify(store.users(), name, password)
    was_locked = []

    def change(record: Attempts) -> Attempts:  # one atomic step: a lock set meanwhile by another process holds
        was_locked.append(is_locked(record, now))
        if was_locked[-1]:
            return record
        return Attempts() if user is not None else after_failure(record, now, policy)

    record = store.update_attempts(name, change)
    if was_locked[-1]:
        return Outcome("locked", None, record.locked_until)
    if user is not None:
        return Outcome("ok", user)
    return Outcome("lockout" if is_locked(record, now) else "failed", None, record.locked_until)
