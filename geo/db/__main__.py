"""python -m geo.db upgrade | import DIR | export DIR | check | version  (database: $DASHBOARD_DATABASE_URL, --url)"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import sqlalchemy as sa

from geo import backend, settings
from geo.data.load import DataError
from geo.db import checks, migrate, transfer
from geo.db.engine import safe_url
from geo.db.users import DbUserStore


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo.db", description=__doc__)
    parser.add_argument("--url", default=backend.database_url(), help="database URL (default $DASHBOARD_DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("upgrade", help="bring the schema to the current version (one transaction)")
    sub.add_parser("version", help="print the schema version of the database and of this code")
    for name, what in (("import", "validate a data folder and load it, all or nothing"),
                       ("export", "write the data back to a folder")):
        sub.add_parser(name, help=what).add_argument("dir", type=Path)
    sub.add_parser("check", help="PostGIS checks: every point inside the jurisdiction it names")
    sub.add_parser("import-users", help="copy the users of a users.toml (with their hashes) into the database"
                   ).add_argument("file", type=Path)
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "upgrade":
        migrate.upgrade(args.url)
        print(f"{safe_url(args.url)}: schema at {migrate.current(args.url)}")
    elif args.command == "version":
        print(f"database {migrate.current(args.url)}, code {migrate.head()}")
    elif args.command == "import":
        done = transfer.import_dir(args.url, args.dir)
        print(f"imported {args.dir} into {safe_url(args.url)} (data version {done.version}): "
              + ", ".join(f"{n}: {c}" for n, c in done.counts.items()))
    elif args.command == "export":
        counts = transfer.export_dir(args.url, args.dir)
        print(f"exported {safe_url(args.url)} to {args.dir}: " + ", ".join(f"{n}: {c}" for n, c in counts.items()))
    elif args.command == "import-users":
        print(f"{DbUserStore(args.url).import_file(args.file)} user(s) copied into {safe_url(args.url)}")
    else:
        problems = checks.points_outside(args.url)
        for p in problems:
            print(p)
        print(f"{len(problems)} point(s) outside the jurisdiction they name", file=sys.stderr)
        return 1 if problems else 0
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.url:
        print(f"no database: set {settings.DATABASE_URL_ENV} or pass --url", file=sys.stderr)
        return 2
    try:
        return _run(args)
    except DataError as err:  # the validator's messages, one a line, and nothing was written
        for p in err.problems:
            print(p)
        print(f"{len(err.problems)} problem(s) in {args.dir}; nothing was imported", file=sys.stderr)
        return 1
    except sa.exc.OperationalError as exc:
        print(f"database {safe_url(args.url)} unreachable: {str(exc.orig).strip().splitlines()[0]}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
