"""Where a replica's time goes under load: py-spy samples a running replica (no change to it, no restart) and the
samples are summed per function, inclusive (the function or anything it calls was running) and self.

Used by `python -m bench.load --profile`; `python -m bench.profile FILE` prints the summary of a saved recording.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

PY_SPY = Path(sys.executable).with_name("py-spy")
LINE = re.compile(r"^(.*) (\d+)$")
FRAME = re.compile(r"^(.*?) \((.*?)(?::\d+)?\)$")


def record(pid: int, seconds: float, out: Path) -> subprocess.Popen:
    """Start sampling `pid` for `seconds` into a collapsed-stack file: 100 samples a second, without pausing it,
    only the thread holding the GIL (the one using the CPU; waits on the database or the network are left out)."""
    return subprocess.Popen([str(PY_SPY), "record", "--pid", str(pid), "--duration", str(int(seconds)),
                             "--rate", "100", "--format", "raw", "--output", str(out), "--nonblocking", "--gil"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def short(frame: str) -> str:
    """'render (folium/map.py:12)' -> 'folium/map.py:render', without the site-packages prefix."""
    match = FRAME.match(frame)
    if not match:
        return frame
    name, path = match.groups()
    path = path.split("site-packages/")[-1].split("/wt/load/")[-1]
    return f"{path}:{name}"


def summary(path: Path, top: int = 30) -> str:
    """Markdown: the functions with the most inclusive samples, with their self share."""
    inclusive, own, total = Counter(), Counter(), 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = LINE.match(line)
        if not match:
            continue
        stack, count = match.group(1).split(";"), int(match.group(2))
        frames = [short(f) for f in stack if not f.startswith("process ") and not f.startswith("thread ")]
        total += count
        for name in set(frames):
            inclusive[name] += count
        if frames:
            own[frames[-1]] += count
    rows = ["| function | inclusive % | self % |", "|---|---:|---:|"]
    for name, count in inclusive.most_common(top):
        rows.append(f"| `{name}` | {100 * count / total:.1f} | {100 * own[name] / total:.1f} |")
    rows.append(f"\n{total} samples; top self: " + ", ".join(
        f"`{n}` {100 * c / total:.1f}%" for n, c in own.most_common(12)))
    return "\n".join(rows)


if __name__ == "__main__":
    print(summary(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 30))
