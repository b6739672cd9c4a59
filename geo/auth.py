"""Optional sign-in: users with argon2-hashed passwords and roles, in one TOML file.

`python -m geo.auth add USER --role admin` creates the file or adds a user (password prompted, or read from stdin).
"""
from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

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


def _read_password(from_stdin: bool) -> str:
    """From stdin (one line) when asked or when not at a terminal; otherwise prompted twice, never echoed."""
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise ValueError("the passwords differ")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.auth", description="Manage dashboard users.")
    parser.add_argument("--file", type=Path, help="users file (default: $DASHBOARD_USERS or .streamlit/users.toml)")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add a user or replace their role and password")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="viewer")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    role = sub.add_parser("set-role", help="change a user's role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    sub.add_parser("list", help="list users and roles")
    remove = sub.add_parser("remove", help="remove a user")
    remove.add_argument("name")
    args = parser.parse_args(argv)
    try:
        if args.command == "add":
            add_user(args.name, args.role, _read_password(args.password_stdin), args.file)
        elif args.command == "set-role":
            set_role(args.name, args.role, args.file)
        elif args.command == "remove":
            remove_user(args.name, args.file)
        for user in load(args.file).values():
            print(f"{user.name}\t{user.role}")
    except (ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
