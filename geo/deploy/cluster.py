"""A local deployment: the shared database, N app replicas on their own ports, nginx in front, an active checker.

Everything it starts is recorded in <run dir>/state.json (pid and command of each process) so that `stop`
ends exactly those processes and nothing else. Used by scripts/run_cluster.sh and tests/e2e/test_cluster.py.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from geo import settings
from geo.deploy import nginx

NGINX = "/usr/sbin/nginx"
STATE = "state.json"


class ClusterError(Exception):
    """The deployment could not be started or stopped; the message says why."""


def cookie_secret(path: Path = settings.CLUSTER_SECRET_FILE) -> str:
    """The server.cookieSecret every replica shares: generated once, kept readable by its owner only."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    value = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(value + "\n")
    return value


def replica_command(replica: nginx.Replica) -> list[str]:
    """How a replica is started: scripts/serve.py, headless, on localhost only, at the upload limit."""
    return [sys.executable, str(settings.ROOT / "scripts" / "serve.py"), "--server.port", str(replica.port),
            "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.maxUploadSize", str(settings.UPLOAD_LIMIT_MB)]


def healthy(port: int, timeout: float = 2.0) -> bool:
    """Whether the replica on this port answers /_stcore/health with 200."""
    try:
        url = f"http://127.0.0.1:{port}/_stcore/health"  # fixed scheme and loopback host
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # nosec B310
            return resp.status == 200
    except OSError:
        return False


def wait_for(check, proc: subprocess.Popen, what: str, timeout: float = 120) -> None:
    """Poll check() until it holds; fail early if the process exits (never a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ClusterError(f"{what} exited with code {proc.returncode}; see its log in the run directory")
        if check():
            return
        time.sleep(0.2)
    raise ClusterError(f"{what} did not come up within {timeout:.0f} s")


def spawn(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a process in its own session (it outlives this command) with output to its log file."""
    with open(log, "ab") as out:
        return subprocess.Popen(cmd, cwd=settings.ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def replica_env(extra: dict[str, str] | None = None, secret_file: Path = settings.CLUSTER_SECRET_FILE
                ) -> dict[str, str]:
    """The environment of every replica: this one, plus the shared cookie secret (not on the command line,
    where `ps` would show it)."""
    return {**os.environ, "PYTHONPATH": str(settings.ROOT), **(extra or {}),
            "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret(secret_file)}


def read_state(run_dir: Path) -> dict:
    path = run_dir / STATE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_state(run_dir: Path, state: dict) -> None:
    tmp = run_dir / (STATE + ".tmp")
    tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
    tmp.replace(run_dir / STATE)


def alive(entry: dict) -> bool:
    """Whether the recorded process still runs the recorded command (a pid may have been reused).

    nginx rewrites its title to "nginx: master process <command line>", hence a containment test."""
    try:
        raw = Path(f"/proc/{entry['pid']}/cmdline").read_bytes()
        status = Path(f"/proc/{entry['pid']}/stat").read_text()
    except OSError:
        return False
    running = " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)
    return status.split(")")[-1].split()[0] != "Z" and " ".join(entry["cmd"]) in running


def worker_user() -> str | None:
    """nginx workers drop to nobody when the master runs as root; otherwise they keep the caller's user."""
    return "nobody nogroup" if os.geteuid() == 0 else None


def own_temp_dirs(run_dir: Path) -> None:
    """Let nginx workers (nobody when started as root) write their temp files under the run directory."""
    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        for sub in (run_dir / "tmp").iterdir():
            os.chown(sub, nobody.pw_uid, nobody.pw_gid)


def tls_files() -> tuple[Path, Path] | None:
    """(certificate, key) when TLS is configured; both or neither, never a certificate without its key."""
    cert, key = settings.CLUSTER_TLS_CERT, settings.CLUSTER_TLS_KEY
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise ClusterError("TLS needs both DASHBOARD_TLS_CERT and DASHBOARD_TLS_KEY; only "
                           + ("DASHBOARD_TLS_CERT" if cert else "DASHBOARD_TLS_KEY") + " is set")
    return cert, key


def start_nginx(run_dir: Path, replicas: list[nginx.Replica], port: int, listen: str) -> dict:
    """Write the configuration, check it with `nginx -t`, start nginx in the foreground of its own session."""
    tls = tls_files()
    conf = nginx.write(run_dir, replicas, port, listen, tls, worker_user())
    own_temp_dirs(run_dir)
    base = [NGINX, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "logs" / "error.log")]
    test = subprocess.run([*base, "-t"], capture_output=True, text=True)
    if test.returncode != 0:
        raise ClusterError(f"nginx rejected {conf}:\n{test.stderr}")
    cmd = [*base, "-g", "daemon off;"]
    proc = spawn(cmd, run_dir / "logs" / "nginx.out")
    wait_for(lambda: _answers(listen, port), proc, f"nginx on port {port}", timeout=30)
    return {"pid": proc.pid, "cmd": cmd}


def _answers(listen: str, port: int) -> bool:
    host = "127.0.0.1" if listen in ("0.0.0.0", "127.0.0.1") else listen  # nosec B104: probes loopback, binds nothing
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=2) as resp:  # nosec B310: http
            return resp.status == 200
    except OSError:
        return False


def start_replicas(run_dir: Path, replicas: list[nginx.Replica], env: dict[str, str]) -> list[dict]:
    """Start every replica at once, then wait until each answers its health check."""
    started = []
    for r in replicas:
        cmd = replica_command(r)
        proc = spawn(cmd, run_dir / "logs" / f"{r.name}.log", env)
        started.append((r, proc, {"name": r.name, "port": r.port, "pid": proc.pid, "cmd": cmd}))
    for r, proc, _ in started:
        wait_for(lambda r=r: healthy(r.port), proc, f"replica {r.name} (port {r.port})")
    return [entry for _, _, entry in started]


def start(run_dir: Path, count: int, port: int, listen: str = settings.CLUSTER_LISTEN,
          first_port: int = settings.CLUSTER_FIRST_REPLICA_PORT, env: dict[str, str] | None = None,
          ports: list[int] | None = None, secret_file: Path = settings.CLUSTER_SECRET_FILE,
          pg_dir: Path | None = None, use_database: bool = True) -> dict:
    """Start the database (unless `use_database` is off: the replicas then share the data folder), replicas (on
    `ports`, else consecutive ports from first_port), nginx and the health checker; returns the recorded state.
    Refuses to start twice from one run directory."""
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "logs").mkdir(exist_ok=True)
    running = [e for e in _entries(read_state(run_dir)) if alive(e)]
    if running:
        raise ClusterError(f"a deployment already runs from {run_dir} (pids "
                           f"{', '.join(str(e['pid']) for e in running)}); stop it first with --stop")
    replicas = ([nginx.Replica(f"r{i}", p) for i, p in enumerate(ports)] if ports
                else nginx.replicas_from(first_port, count))
    state: dict = {"port": port, "listen": listen, "replicas": []}
    env = dict(env or {})
    try:
        if use_database:
            state["database"] = start_database(run_dir, pg_dir or run_dir / "pg", env)
            write_state(run_dir, state)
            env[settings.DATABASE_URL_ENV] = state["database"].pop("url")
        state["replicas"] = start_replicas(run_dir, replicas, replica_env(env, secret_file))
        write_state(run_dir, state)
        state["nginx"] = start_nginx(run_dir, replicas, port, listen)
        write_state(run_dir, state)
        cmd = [sys.executable, "-m", "geo.deploy.health", str(run_dir)]
        checker = spawn(cmd, run_dir / "logs" / "health.log", replica_env(env, secret_file))
        state["checker"] = {"pid": checker.pid, "cmd": cmd}
        write_state(run_dir, state)
    except BaseException:
        write_state(run_dir, state)
        stop(run_dir)
        raise
    return state


def start_database(run_dir: Path, pg_dir: Path, env: dict[str, str]) -> dict:
    """The shared database, prepared with the data folder the replicas would otherwise read."""
    from geo.deploy import database

    data_dir = Path(env.get(settings.DATA_DIR_ENV) or os.environ.get(settings.DATA_DIR_ENV)
                    or settings.DEFAULT_DATA_DIR)
    return database.prepare(pg_dir, data_dir)


def _entries(state: dict) -> list[dict]:
    """Recorded processes in the order they are stopped: checker, nginx, then the replicas."""
    return [e for e in (state.get("checker"), state.get("nginx"), *state.get("replicas", [])) if e]


def terminate(entry: dict, timeout: float = 20) -> None:
    """SIGTERM a recorded process (if it is still that process), SIGKILL it if it does not end in time."""
    if not alive(entry):
        return
    os.kill(entry["pid"], signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while alive(entry) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(entry):
        os.kill(entry["pid"], signal.SIGKILL)


def stop(run_dir: Path) -> list[int]:
    """End every process recorded in the run directory's state; returns their pids."""
    state = read_state(run_dir)
    entries = _entries(state)
    for entry in entries:
        terminate(entry)
    if state.get("database"):
        from geo.deploy import database

        database.stop(state["database"])
    if state:
        (run_dir / STATE).unlink(missing_ok=True)
    return [e["pid"] for e in entries]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_cluster.sh", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=settings.CLUSTER_REPLICAS)
    parser.add_argument("--port", type=int, default=settings.CLUSTER_PORT)
    parser.add_argument("--listen", default=settings.CLUSTER_LISTEN)
    parser.add_argument("--first-replica-port", type=int, default=settings.CLUSTER_FIRST_REPLICA_PORT)
    parser.add_argument("--dir", type=Path, default=settings.CLUSTER_RUN_DIR, help="run directory")
    parser.add_argument("--data-folder", action="store_true",
                        help="no database: the replicas share the data folder (file locks serialise saves)")
    parser.add_argument("--stop", action="store_true", help="end everything a previous start started")
    args = parser.parse_args(argv)
    try:
        if args.stop:
            pids = stop(args.dir)
            print(f"stopped {len(pids)} processes" if pids else f"nothing recorded in {args.dir}")
            return 0
        state = start(args.dir, args.replicas, args.port, args.listen, args.first_replica_port,
                      use_database=not args.data_folder)
    except ClusterError as exc:
        print(f"run_cluster: {exc}", file=sys.stderr)
        return 1
    ports = ", ".join(str(r["port"]) for r in state["replicas"])
    if "database" in state:
        db = state["database"]
        print(f"database: {'PostgreSQL in ' + db['pg_dir'] if db['pg_dir'] else '$' + settings.DATABASE_URL_ENV}"
              f"{', data/ imported' if db['imported'] else ''}")
    print(f"dashboard at http://{args.listen}:{args.port} ({len(state['replicas'])} replicas on ports {ports}); "
          f"logs in {args.dir / 'logs'}; stop with scripts/run_cluster.sh --stop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
