"""`python -m geo.auth add USER --role admin`: manage users at the terminal (password prompted, or read from stdin)."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from geo.auth import audit
from geo.auth.accounts import ROLES, Attempts, FileUserStore, add_user, load, remove_user, set_role


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


AUDITED = {"add": "user_added", "set-role": "user_changed", "remove": "user_removed"}


def _audit_cli(command: str, name: str, role: str | None) -> None:
    """User changes made at the terminal go to the audit log too, as the operating-system user."""
    if command in AUDITED:
        details = {"new_role": role} if role else {}
        audit.default_log().append(audit.event(f"cli:{getpass.getuser()}", "", AUDITED[command], name, "cli",
                                               **details))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "add":
            add_user(args.name, args.role, _read_password(args.password_stdin), args.file)
        elif args.command == "set-role":
            set_role(args.name, args.role, args.file)
        elif args.command == "remove":
            remove_user(args.name, args.file)
        elif args.command == "unlock":
            FileUserStore(args.file).update_attempts(args.name, lambda _: Attempts())
        _audit_cli(args.command, getattr(args, "name", ""), getattr(args, "role", None))
        for user in load(args.file).values():
            print(f"{user.name}\t{user.role}")
    except (ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
