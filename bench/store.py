"""Cost of a staff update: diff, validation, one save, saves from several threads at once.

Usage: python -m bench.store        (prints a Markdown table; nothing is asserted)
"""
from __future__ import annotations

import io
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

from geo import settings
from geo.data import store

RUNS = 3


def ms(action) -> float:
    """Median wall time of `action` in milliseconds."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def naive_diff(old: str, new: str, key: str) -> int:
    """Baseline: compare matching rows cell by cell with .loc (what a first version would do)."""
    a = pd.read_csv(io.StringIO(old), dtype=str, keep_default_na=False).set_index(key, drop=False)
    b = pd.read_csv(io.StringIO(new), dtype=str, keep_default_na=False).set_index(key, drop=False)
    return sum(any(a.loc[k, c] != b.loc[k, c] for c in a.columns) for k in a.index.intersection(b.index))


def concurrent_saves(data: Path, threads: int) -> None:
    """`threads` staff saving different versions of checkpoints.csv at the same moment."""
    text = store.read_current(data, "checkpoints")
    barrier = threading.Barrier(threads)

    def work(i: int) -> None:
        barrier.wait()
        store.save(data, "checkpoints", text.replace("province only", f"province only ({i})", 1), f"u{i}")

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(settings.DEFAULT_DATA_DIR, data, ignore=shutil.ignore_patterns("_extract", ".history"))
        juris = store.read_current(data, "jurisdictions")
        changed = juris.replace("衡阳县", "衡阳县X", 1)
        cp = store.read_current(data, "checkpoints")
        base = ms(lambda: naive_diff(juris, changed, "adcode"))
        rows = [("diff jurisdictions (3,212 rows), naive .loc loop", base, 1.0)]
        new = ms(lambda: store.diff(juris, changed, "jurisdictions"))
        rows.append(("diff jurisdictions, store.diff (vectorised)", new, new / base))
        one_save = ms(lambda: store.save(data, "checkpoints", cp.replace("province only", "p.o.", 1), "bench"))
        check = ms(lambda: store.validate_candidate(data, "checkpoints", cp))
        rows += [("validate_candidate (whole directory)", check, check / one_save),
                 ("one save (lock, validate, history, atomic write, log)", one_save, 1.0)]
        for n in (4, 8):
            total = ms(lambda n=n: concurrent_saves(data, n))
            rows.append((f"{n} simultaneous saves from threads (total)", total, total / one_save))
    print("| operation | median ms | ratio |")
    print("|---|---:|---:|")
    for name, value, ratio in rows:
        print(f"| {name} | {value:,.1f} | {ratio:.2f} |")
    print("\nratios: diff rows against the naive diff; save rows against one save")


if __name__ == "__main__":
    main()
