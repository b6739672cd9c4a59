"""Validation of the curated data directory; `python -m geo.validate [DATA_DIR]` lists every problem."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import shapely
from shapely.geometry import shape

from geo import settings
from geo.schema import BOUNDARY_FILES, TABLES, Column, Table

ADCODE_RE = re.compile(r"^\d{6}$")
WHITESPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        col = f" column '{self.column}'" if self.column else ""
        got = f" value {self.value!r}:" if self.value is not None else ""
        return f"{where}:{col}{got} expected {self.expected}"


Rows = list[tuple[int, dict[str, str]]]  # (line number in the file, row)


def read_rows(path: Path, table: Table) -> tuple[Rows, list[Problem]]:
    """Read a CSV into (line, row) pairs; header problems stop the read, cell problems do not."""
    name = path.name
    if not path.exists():
        return [], [Problem(name, None, None, None, "the file to exist")]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return [], [Problem(name, line, None, None, "UTF-8 text (file is in another encoding)")]
    if not text.strip():
        return [], [Problem(name, 1, None, "", "a header row: " + ",".join(table.column_names))]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    problems = [Problem(name, 1, col.name, None, "this column in the header") for col in table.columns
                if col.name not in header and not col.optional]
    absent = {col.name: "" for col in table.columns if col.name not in header}  # optional columns left out
    problems += [Problem(name, 1, col, col, "only the columns " + ", ".join(table.column_names))
                 for col in header if col not in table.column_names]
    if problems:
        return [], problems
    rows: Rows = []
    start = reader.line_num + 1
    for cells in reader:
        if not any(c.strip() for c in cells):
            start = reader.line_num + 1
            continue
        if len(cells) != len(header):
            problems.append(Problem(name, start, None, ",".join(cells)[:80],
                                    f"{len(header)} comma-separated cells, got {len(cells)}"))
        else:
            rows.append((start, {**absent, **dict(zip(header, cells))}))
        start = reader.line_num + 1
    return rows, problems


def check_cell(value: str, col: Column) -> str | None:
    """What the cell should have been, or None when it is fine."""
    if value == "":
        return "a value (required)" if col.required else None
    if col.kind in ("number", "signed", "integer", "lon", "lat"):
        try:
            num = float(value)
        except ValueError:
            return "a number" + (" (whole)" if col.kind == "integer" else "")
        if col.kind == "integer" and not num.is_integer():
            return "a whole number"
        if col.kind in ("number", "integer") and num < 0:
            return "a number >= 0"
        lo, hi = settings.COORD_BOUNDS[col.kind] if col.kind in ("lon", "lat") else (None, None)
        if lo is not None and not lo <= num <= hi:
            return f"a {'longitude' if col.kind == 'lon' else 'latitude'} between {lo} and {hi}"
    elif col.kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return "a date as YYYY-MM-DD"
    elif col.kind == "adcode" and not ADCODE_RE.match(value):
        return "a 6-digit administrative division code"
    elif col.kind == "choice" and value not in col.choices:
        return "one of " + ", ".join(col.choices)
    return None


def check_table(name: str, rows: Rows, table: Table) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for line, row in rows:
        for col in table.columns:
            expected = check_cell(row[col.name].strip(), col)
            if expected:
                problems.append(Problem(name, line, col.name, row[col.name], expected))
        if table.key:
            key = row[table.key]
            if key in seen:
                problems.append(Problem(name, line, table.key, key, f"a unique id (also on line {seen[key]})"))
            seen.setdefault(key, line)
        if row.get("period_start") and row.get("period_end") and row["period_start"] > row["period_end"]:
            problems.append(Problem(name, line, "period_end", row["period_end"], "a date on or after period_start"))
    return problems


def normalise(text: str) -> str:
    return WHITESPACE_RE.sub("", text)


def check_references(tables: dict[str, Rows], sources_dir: Path) -> list[Problem]:
    """Join keys resolve; quotes are verbatim in their source document."""
    keys = {n: {r[TABLES[n].key] for _, r in rows} for n, rows in tables.items() if TABLES[n].key}
    texts = {p.name: normalise(p.read_text(encoding="utf-8")) for p in sources_dir.glob("*.txt")}
    problems = []
    for name, rows in tables.items():
        table = TABLES[name]
        for line, row in rows:
            for col, target in table.refs.items():
                if row[col] and row[col] not in keys.get(target, set()):
                    problems.append(Problem(table.file, line, col, row[col], f"an id listed in {target}.csv"))
            if name == "route_waypoints" and row["place_ref"] not in keys["jurisdictions"] | keys["places"]:
                problems.append(Problem(table.file, line, "place_ref", row["place_ref"],
                                        "an adcode in jurisdictions.csv or a place_id in places.csv"))
            if table.provenance:
                problems += check_quote(table.file, line, row, texts)
    return problems


def check_quote(file: str, line: int, row: dict[str, str], texts: dict[str, str]) -> list[Problem]:
    src = row["source_file"]
    if src not in texts:
        return [Problem(file, line, "source_file", src, "a document in data/sources/")]
    if row["quote"] and normalise(row["quote"]) not in texts[src]:
        return [Problem(file, line, "quote", row["quote"][:60], f"a fragment quoted verbatim from {src}")]
    return []


def check_boundaries(boundary_dir: Path) -> list[Problem]:
    problems = []
    for name in BOUNDARY_FILES:
        path, file = boundary_dir / f"{name}.geojson", f"boundaries/{name}.geojson"
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            problems.append(Problem(file, None, None, None, "the file to exist"))
            continue
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            problems.append(Problem(file, getattr(exc, "lineno", None), None, None, f"valid GeoJSON ({exc})"))
            continue
        for i, feat in enumerate(doc.get("features", []), start=1):
            problems += check_feature(file, i, feat)
    return problems


def check_feature(file: str, index: int, feat: dict) -> list[Problem]:
    label = (feat.get("properties") or {}).get("adcode") or (feat.get("properties") or {}).get("iso3")
    try:
        geom = shape(feat["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return [Problem(file, None, f"feature {index}", str(label), f"a GeoJSON geometry ({exc})")]
    if not geom.is_valid:
        return [Problem(file, None, f"feature {index}", str(label),
                        f"a valid polygon ({shapely.is_valid_reason(geom)})")]
    lo, la = settings.COORD_BOUNDS["lon"], settings.COORD_BOUNDS["lat"]
    minx, miny, maxx, maxy = geom.bounds
    if (minx < lo[0] - 10 or maxx > lo[1] + 10 or miny < la[0] - 10 or maxy > la[1] + 10):
        return [Problem(file, None, f"feature {index}", str(label), "coordinates in China or its neighbours")]
    return []


def validate_dir(data_dir: Path) -> tuple[dict[str, Rows], list[Problem]]:
    """Read every table and return the rows with all problems found."""
    tables, problems = {}, []
    for name, table in TABLES.items():
        rows, found = read_rows(data_dir / table.file, table)
        problems += found + check_table(table.file, rows, table)
        tables[name] = rows
    problems += check_references(tables, data_dir / "sources")
    problems += check_boundaries(data_dir / "boundaries")
    return tables, problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else settings.data_dir()
    tables, problems = validate_dir(data_dir)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n}: {len(rows)}" for n, rows in tables.items())
    print(f"OK {data_dir}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
