"""Shared by the per-document curation scripts: quote checks and writing one document's extraction."""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from geo.schema import TABLES  # noqa: E402

EXTRACT_TABLES = ("figures", "seizures", "cases", "routes", "route_waypoints", "checkpoints", "demo_sites", "places")


def source_text(name: str) -> str:
    return (ROOT / "data/sources" / name).read_text(encoding="utf-8")


def check_quotes(text: str, tables: dict[str, list[dict]]) -> None:
    """Every quote must be verbatim in the document (whitespace, such as page breaks, ignored)."""
    norm = "".join(text.split())
    for rows in tables.values():
        for row in rows:
            if "quote" in row:
                assert "".join(row["quote"].split()) in norm, row["quote"]


def write_extract(out_dir: Path, tables: dict[str, list[dict]], source: list[dict]) -> None:
    """One CSV per table (header only where the document has no rows) and source.csv."""
    for name in EXTRACT_TABLES:
        cols = TABLES[name].column_names
        with (out_dir / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            w.writerows({c: r.get(c, "") for c in cols} for r in tables.get(name, []))
    with (out_dir / "source.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=TABLES["sources"].column_names)
        w.writeheader()
        w.writerows(source)
    print({k: len(v) for k, v in tables.items()})
