"""The vocabularies intake reads (indicators, drugs, units, qualifiers, place aliases), kept as CSV tables in
geo/intake/vocab/ so that adding a word is a data change, not a code change."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of vocab/<name>.csv as dicts, longest first word first (so the longest match wins)."""
    with open(VOCAB_DIR / f"{name}.csv", encoding="utf-8", newline="") as fh:
        rows = [dict(r) for r in csv.DictReader(fh)]
    first = next(iter(rows[0])) if rows else ""
    return tuple(sorted(rows, key=lambda r: -len(r[first])))


def column(name: str, col: str) -> tuple[str, ...]:
    return tuple(r[col] for r in table(name))


def lookup(name: str, key_col: str) -> dict[str, dict[str, str]]:
    return {r[key_col]: r for r in table(name)}
