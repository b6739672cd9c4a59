"""A throwaway local PostgreSQL 15 + PostGIS 3 in one folder, for tests, benchmarks and a local cluster.

    python scripts/pg_local.py start --dir D [--port P] [--db NAME]   # prints the database URL
    python scripts/pg_local.py stop --dir D

`start` runs initdb the first time (as the `postgres` user when run as root: initdb refuses root), then starts the
server listening on 127.0.0.1 (a free port, remembered in D/port so a restart keeps the URL) with its socket in
D/socket, creates the database and `CREATE EXTENSION postgis`. Debian's binaries: /usr/lib/postgresql/15/bin.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb and pg_ctl refuse to run as root: run them as the postgres user then."""
    return ["runuser", "-u", SUPERUSER, "--", *cmd] if os.geteuid() == 0 else cmd


def _run(cmd: list[str]) -> None:
    done = subprocess.run(_as_postgres(cmd), capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def _prepare(folder: Path) -> None:
    """The folder and its socket dir, owned by the user the server runs as."""
    (folder / "socket").mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        for path in (folder, folder / "socket"):
            shutil.chown(path, SUPERUSER, SUPERUSER)
        # the server user must be able to reach the folder: every parent needs search permission
        for parent in folder.resolve().parents:
            if not os.stat(parent).st_mode & 0o001:
                raise SystemExit(f"{parent} is not searchable by the {SUPERUSER} user; choose a folder under /tmp")


def _port(folder: Path, wanted: int | None) -> int:
    """The port asked for, else the one this folder used before (so its URL stays the same), else a free one."""
    saved = folder / "port"
    port = wanted or (int(saved.read_text()) if saved.exists() else free_port())
    saved.write_text(str(port))
    return port


def url(folder: Path, db: str) -> str:
    return f"postgresql://{SUPERUSER}@127.0.0.1:{(folder / 'port').read_text().strip()}/{db}"


def _create_database(folder: Path, db: str) -> None:
    """The database with PostGIS, created once (connecting over TCP as the superuser; auth is trust, local only)."""
    import psycopg

    port = int((folder / "port").read_text())
    deadline = time.monotonic() + 30
    while True:
        try:
            conn = psycopg.connect(host="127.0.0.1", port=port, user=SUPERUSER, dbname="postgres", autocommit=True)
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    with conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,)).fetchone():
            conn.execute(f'CREATE DATABASE "{db}"')
    with psycopg.connect(host="127.0.0.1", port=port, user=SUPERUSER, dbname=db, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")


def start(folder: Path, port: int | None = None, db: str = "dashboard") -> str:
    """Initialise (first time) and start the server; returns the database URL."""
    folder = folder.resolve()
    _prepare(folder)
    pgdata = folder / "pgdata"
    if not (pgdata / "PG_VERSION").exists():
        _run([str(BIN / "initdb"), "-D", str(pgdata), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
              "--locale=C.UTF-8"])
    port = _port(folder, port)
    options = f"-p {port} -k {folder / 'socket'} -c listen_addresses=127.0.0.1 -c fsync=off"
    if not (pgdata / "postmaster.pid").exists():
        _run([str(BIN / "pg_ctl"), "-D", str(pgdata), "-l", str(folder / "postgres.log"), "-o", options, "-w",
              "-t", "60", "start"])
    _create_database(folder, db)
    return url(folder, db)


def stop(folder: Path) -> None:
    pgdata = folder.resolve() / "pgdata"
    if (pgdata / "postmaster.pid").exists():
        _run([str(BIN / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_start = sub.add_parser("start", help="initialise if needed, start, create the database; prints its URL")
    p_start.add_argument("--dir", required=True, type=Path)
    p_start.add_argument("--port", type=int)
    p_start.add_argument("--db", default="dashboard")
    p_stop = sub.add_parser("stop", help="stop the server of a folder")
    p_stop.add_argument("--dir", required=True, type=Path)
    args = parser.parse_args(argv)
    if args.command == "start":
        print(start(args.dir, args.port, args.db))
    else:
        stop(args.dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
