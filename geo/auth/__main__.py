"""`python -m geo.auth add USER --role admin`: manage users at the terminal (password prompted, or read from stdin).

Acts on the configured store (geo.backend): the database when DASHBOARD_DATABASE_URL is set (nothing is written to
the users file then), else the users file; `--file` names a users file explicitly."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

import sqlalchemy as sa

from geo import backend
from geo.auth import audit
from geo.auth.accounts import ROLES, Attempts, FileUserStore


def _read_password(from_stdin: bool) -> str:
    """From stdin (one line) when asked or when not at a terminal; otherwise prompted twice, never echoed."""
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise ValueError("the passwords differ")
    return first


def _parser() -> argparse.ArgumentParser:
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
    unlock = sub.add_parser("unlock", help="lift a sign-in lock and forget the failed attempts of a name")
    unlock.add_argument("name")
    return parser


AUDITED = {"add": "user_added", "set-role": "user_changed", "remove": "user_removed", "unlock": "user_changed"}
ENDS_SESSIONS = {"set-role": "role_changed", "remove": "user_removed", "add": "password_replaced"}


def _audit_cli(command: str, name: str, role: str | None) -> None:
    """User changes made at the terminal go to the audit log too, as the operating-system user; a removed user's
    or a changed role's sessions end on every replica."""
    by = f"cli:{getpass.getuser()}"
    if command in AUDITED:
        details = {"new_role": role} if role else ({"unlocked": True} if command == "unlock" else {})
        backend.audit_log().append(audit.event(by, "", AUDITED[command], name, "cli", **details))
    if command in ENDS_SESSIONS:
        backend.end_sessions(name, ENDS_SESSIONS[command], by, client="cli")


def _apply(args: argparse.Namespace, store) -> None:
    if args.command == "add":
        store.add_user(args.name, args.role, _read_password(args.password_stdin))
    elif args.command == "set-role":
        store.set_role(args.name, args.role)
    elif args.command == "remove":
        store.remove_user(args.name)
    elif args.command == "unlock":
        store.update_attempts(args.name, lambda _: Attempts())


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    store = FileUserStore(args.file) if args.file else backend.user_store()
    try:
        _apply(args, store)
        _audit_cli(args.command, getattr(args, "name", ""), getattr(args, "role", None))
        for user in store.users().values():
            print(f"{user.name}\t{user.role}")
    except (ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except sa.exc.OperationalError as exc:
        print(f"error: {backend.describe()} unreachable: {str(exc.orig).strip().splitlines()[0]}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
