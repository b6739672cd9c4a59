"""Parsing a report in a child process with hard limits, so that no file can take the server's memory or time.

A thread cannot be killed, and a signal-based timeout does not work outside Streamlit's main thread: hence a process.
Starting a fresh Python and importing the parsers for every report would cost most of a second, so each app
process starts one fork server (`python -m geo.intake.sandbox SOCKET`, on first use): it imports each parser once and
forks a fresh child for each report, which never holds any of the app server's memory, sessions or locks.

For each report the parent (`run_child`) connects to the fork server's Unix socket and names the file's type (the
server imports that type's parser the first time); the forked child sends its pid
(it leads its own process group), reads one JSON line (the file's name and the INTAKE_* settings) and the file's
bytes, and forks a worker that caps its own address space (RLIMIT_AS) and CPU time (RLIMIT_CPU) before it parses
(`geo.intake.source.extract`). The child answers {"reply": {"text": ...} or {"error": ...}, "status": the worker's
exit status}. The parent waits at most INTAKE_PARSE_SECONDS of wall-clock time in all, then kills the child's process
group. The fork server exits when its parent does (its stdin closes), and waits for its children, so their peak
memory shows in its own rusage (RUSAGE_CHILDREN) as it would for direct children.
"""
from __future__ import annotations

import atexit
import gc
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from geo import settings
from geo.intake.errors import IntakeError, refusal

MIB = 1024 * 1024
CHILD = [sys.executable, "-m", "geo.intake.sandbox"]  # the fork server: a fresh interpreter, nothing of the app's
_lock = threading.Lock()
_server: ForkServer | None = None


def limits() -> dict[str, Any]:
    """The INTAKE_* settings as they are now in this process (tests and callers may change them at run time)."""
    return {k: getattr(settings, k) for k in dir(settings) if k.startswith("INTAKE_")}


def parse(raw: bytes, name: str) -> str:
    """The text of a file parsed in a child process under the INTAKE_PARSE_* limits, or an IntakeError."""
    reply, code = run_child(raw, name)
    if "text" in reply:
        return str(reply["text"])
    if "error" in reply:
        raise IntakeError.from_dict(reply["error"])
    if code in (-signal.SIGXCPU, -signal.SIGKILL):  # RLIMIT_CPU ran out (SIGKILL past its hard limit)
        raise refusal(name, "refuse_timeout", seconds=f"{settings.INTAKE_PARSE_SECONDS:g}")
    raise refusal(name, "refuse_crash")


class ForkServer:
    """The fork server process of this app process, and the socket it listens on (in a private directory)."""

    def __init__(self) -> None:
        self.path = os.path.join(tempfile.mkdtemp(prefix="geo-intake-"), "socket")
        root = str(settings.ROOT)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
        self.proc = subprocess.Popen([*CHILD, self.path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=root, env=env, start_new_session=True)
        out = self.proc.stdout
        ready = select.select([out], [], [], 60)[0] if out else []  # a busy machine takes a while to start Python
        if not ready or out is None or out.readline() != b"ready\n":
            self.stop()
            raise OSError("the intake fork server did not start")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


def _server_path() -> str:
    """The socket of this process's fork server, started (again) if it is not running."""
    global _server
    with _lock:
        if _server is None or not _server.alive():
            _server = ForkServer()
            atexit.register(_server.stop)
        return _server.path


def run_child(raw: bytes, name: str) -> tuple[dict, int | None]:
    """(the worker's reply, its exit status); a child past INTAKE_PARSE_SECONDS is killed and refused."""
    header = json.dumps({"name": name, "settings": limits()}).encode("utf-8") + b"\n"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(60)  # the first file of a type waits while the fork server imports its parser
        sock.connect(_server_path())
        sock.sendall(os.path.splitext(name)[1].lower().encode("ascii", "replace") + b"\n")
        pid = int(_line(sock))
        deadline = time.monotonic() + settings.INTAKE_PARSE_SECONDS  # the parse's own time starts now
        try:
            sock.sendall(header + raw)
            sock.shutdown(socket.SHUT_WR)
            answer = _until_closed(sock, deadline)
        except TimeoutError:
            _kill(pid)
            raise refusal(name, "refuse_timeout", seconds=f"{settings.INTAKE_PARSE_SECONDS:g}") from None
        except OSError:  # a broken connection: the child died
            _kill(pid)
            return {}, None
        except BaseException:
            _kill(pid)  # the caller went away (KeyboardInterrupt, a stopped script): the child goes too
            raise
    try:
        got = json.loads(answer.decode("utf-8"))
        return got["reply"], got["status"]
    except (ValueError, KeyError):  # nothing, or half an answer: the child died
        return {}, None


def _line(sock: socket.socket) -> bytes:
    out = b""
    while not out.endswith(b"\n"):
        chunk = sock.recv(1)
        if not chunk:
            raise OSError("the intake fork server closed the connection")
        out += chunk
    return out


def _until_closed(sock: socket.socket, deadline: float) -> bytes:
    """Everything the child sends until it closes the connection; TimeoutError past the deadline."""
    parts: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        sock.settimeout(left)
        chunk = sock.recv(1 << 20)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)


def _kill(pid: int) -> None:
    """Kill a child and its worker (its process group); the fork server waits for them."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# --- the fork server, its children and their workers ------------------------------------------------------------


def serve(path: str) -> None:
    """The fork server: fork a child for each connection until stdin closes. Each connection first names the file's
    type, whose parser this process imports the first time (so that no child imports it again)."""
    from geo.intake import source

    preloaded: set[str] = set()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    sys.stdout.buffer.write(b"ready\n")
    sys.stdout.buffer.flush()
    while True:
        readable, _, _ = select.select([listener, sys.stdin], [], [], 1.0)
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1024):
            break  # the app process is gone
        if listener in readable:
            conn, _ = listener.accept()
            conn.settimeout(5)  # only this app process connects, and it names the type at once
            try:
                suffix = _line(conn).decode("ascii", "replace").strip()
            except OSError:
                conn.close()
                continue
            conn.settimeout(None)
            if suffix not in preloaded:
                source.preload(suffix)
                preloaded.add(suffix)
                gc.freeze()  # children's collections skip what is here: they neither walk nor copy those pages
            if os.fork() == 0:
                listener.close()
                _child(conn)
            conn.close()
        _reap()
    os.unlink(path)


def _reap() -> None:
    """Wait for the children that have ended (waited for, their resource use counts towards this process's)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _child(conn: socket.socket) -> None:
    """One report: send our pid, read the request, parse it in a capped worker, send its reply and exit status."""
    try:
        os.setpgid(0, 0)  # the parent kills this process group: this child and its worker
        conn.sendall(f"{os.getpid()}\n".encode())
        head, _, raw = _received(conn).partition(b"\n")
        header = json.loads(head)
        read_end, write_end = os.pipe()
        worker = os.fork()
        if worker == 0:
            os.close(read_end)
            _work(header, raw, write_end)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            out = pipe.read()
        _, status = os.waitpid(worker, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        reply = json.loads(out) if out else {}
        conn.sendall(json.dumps({"reply": reply, "status": code}).encode("utf-8"))
    finally:
        os._exit(0)


def _received(conn: socket.socket) -> bytes:
    """The request: everything until the parent shuts its side (at most the largest file accepted, and a header)."""
    parts, size = [], 0
    while chunk := conn.recv(1 << 20):
        parts.append(chunk)
        size += len(chunk)
        if size > settings.INTAKE_MAX_BYTES + MIB:
            break
    return b"".join(parts)


def _work(header: dict, raw: bytes, out_fd: int) -> None:
    """The worker: cap this process, parse, write the reply; never returns."""
    import logging

    try:
        for key, value in header["settings"].items():
            setattr(settings, key, value)
        _cap(settings.INTAKE_PARSE_MEMORY_MB, settings.INTAKE_PARSE_SECONDS)
        logging.disable(logging.WARNING)  # pdfminer logs every damaged object; nobody reads the worker's stderr
        reply = _answer(raw, str(header["name"]))
        reply["peak_mb"] = _peak_mb()
        with os.fdopen(out_fd, "wb") as pipe:
            pipe.write(json.dumps(reply).encode("utf-8"))
    finally:
        os._exit(0)


def _cap(memory_mb: int, seconds: float) -> None:
    """Limits on this process, set before it parses."""
    import resource

    memory = memory_mb * MIB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = max(1, int(seconds + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _peak_mb() -> int:
    """This process's peak resident memory (VmHWM), in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        line = next((ln for ln in status if ln.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1]) // 1024


def _answer(raw: bytes, name: str) -> dict:
    """What the worker replies: the text, or why there is none."""
    from geo.intake import source

    try:
        return {"text": source.extract(raw, name)}
    except IntakeError as err:
        return {"error": err.as_dict()}
    except MemoryError:
        return {"error": refusal(name, "refuse_memory", mb=str(settings.INTAKE_PARSE_MEMORY_MB)).as_dict()}
    except RecursionError:
        return {"error": refusal(name, "refuse_nesting").as_dict()}


if __name__ == "__main__":
    serve(sys.argv[1])
