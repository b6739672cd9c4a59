"""Parsing a report in a child process with hard limits, so that no file can take the server's memory or time.

The parent (`parse`) starts `python -m geo.intake.sandbox`, writes one JSON line (the file's name and the INTAKE_*
settings) and then the file's bytes to its stdin, and waits at most INTAKE_PARSE_SECONDS of wall-clock time before it
kills the child's whole process group. The child (`main`) caps its own address space (RLIMIT_AS) and CPU time
(RLIMIT_CPU) before it reads anything, runs `geo.intake.source.extract`, and answers with one JSON object on stdout:
{"text": ..., "peak_mb": ...} or {"error": IntakeError.as_dict()}. A thread cannot be killed and a signal-based
timeout does not work outside Streamlit's main thread, hence a process; a fresh one (not a fork of the server) so the
child holds none of the server's memory, sessions or locks. The child imports only what the file's type needs.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from typing import Any

from geo import settings
from geo.intake.errors import IntakeError, refusal

MIB = 1024 * 1024
CHILD = [sys.executable, "-m", "geo.intake.sandbox"]  # a fresh interpreter: nothing of the server's state


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


def run_child(raw: bytes, name: str) -> tuple[dict, int | None]:
    """(the child's reply, its exit status); a child past INTAKE_PARSE_SECONDS is killed and refused."""
    header = json.dumps({"name": name, "settings": limits()}).encode("utf-8") + b"\n"
    root = str(settings.ROOT)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
    proc = subprocess.Popen(CHILD, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            cwd=root, env=env, start_new_session=True)
    try:
        out, _ = proc.communicate(header + raw, timeout=settings.INTAKE_PARSE_SECONDS)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise refusal(name, "refuse_timeout", seconds=f"{settings.INTAKE_PARSE_SECONDS:g}") from None
    except BaseException:
        _kill(proc)  # the caller went away (KeyboardInterrupt, a stopped script): the child goes too
        raise
    try:
        return json.loads(out.decode("utf-8")), proc.returncode
    except ValueError:  # nothing, or half a reply: the child died
        return {}, proc.returncode


def _kill(proc: subprocess.Popen) -> None:
    """Kill the child's process group and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


# --- the child ------------------------------------------------------------------------------------------------


def _cap(memory_mb: int, seconds: float) -> None:
    """Limits on this process, set before any file byte is read."""
    import resource

    memory = memory_mb * MIB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = max(1, int(seconds + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _answer(raw: bytes, name: str) -> dict:
    """What the child replies: the text, or why there is none."""
    from geo.intake import source

    try:
        return {"text": source.extract(raw, name)}
    except IntakeError as err:
        return {"error": err.as_dict()}
    except MemoryError:
        return {"error": refusal(name, "refuse_memory", mb=str(settings.INTAKE_PARSE_MEMORY_MB)).as_dict()}
    except RecursionError:
        return {"error": refusal(name, "refuse_nesting").as_dict()}


def main() -> int:
    """The child: read the header and the file from stdin, parse, write one JSON reply to stdout."""
    import logging
    import resource

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a library that prints cannot corrupt the reply
    header = json.loads(stdin.readline())
    for key, value in header["settings"].items():
        setattr(settings, key, value)
    _cap(settings.INTAKE_PARSE_MEMORY_MB, settings.INTAKE_PARSE_SECONDS)
    logging.disable(logging.WARNING)  # pdfminer logs every damaged object; nobody reads the child's stderr
    raw = stdin.read(settings.INTAKE_MAX_BYTES + 1)
    reply = _answer(raw, str(header["name"]))
    reply["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    stdout.write(json.dumps(reply).encode("utf-8"))
    stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
