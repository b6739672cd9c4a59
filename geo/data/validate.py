"""Validation of the curated data directory; `python -m geo.validate [DATA_DIR]` lists every problem."""
from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import shapely
from shapely.geometry import shape

from geo import settings
from geo.data.reading import UTF8, Problem, Rows, read_csv, read_rows, read_text  # noqa: F401 (re-exported)
from geo.data.schema import BOUNDARY_FILES, BOUNDARY_PROPERTIES, TABLES, Column, Table

ADCODE_RE = re.compile(r"^\d{6}$", re.ASCII)
WHITESPACE_RE = re.compile(r"\s+")
# Plain ASCII decimals only: float() would also take "nan", "inf", "1_000" and other scripts' digits, which pandas
# cannot read (hence re.ASCII: \d alone matches any Unicode digit).
NUMBER_RE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# Formats staff's spreadsheets produce, recognised only to suggest the ISO spelling; day-first forms are ambiguous.
DATE_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%Y-%m-%d", "%Y年%m月%d日", "%Y%m%d")


def number_hint(value: str) -> str:
    """What a cell that is not a plain number should have been, with the likely fix."""
    if "万" in value or "亿" in value:
        return "a plain number with 万/亿 written out (2.5万 → 25000)"
    if any(q in value for q in ("余", "多", "约", "近", "以上", "左右", "+")):
        return "a plain number; 余/多/约/以上 belong in the qualifier column"
    if re.fullmatch(r"[\d,.\s]+", value) and "," in value:
        return "a plain number without thousands separators (1200, not 1,200)"
    return "a number"


def check_number(value: str, kind: str) -> str | None:
    if not NUMBER_RE.fullmatch(value) or not math.isfinite(num := float(value)):
        return number_hint(value) + (" (whole)" if kind == "integer" else "")
    if kind == "integer" and (not num.is_integer() or abs(num) > 1e15):
        return "a whole number"
    if kind in ("number", "integer") and num < 0:
        return "a number >= 0 (a quantity cannot be negative)"
    if kind in ("lon", "lat"):
        lo, hi = settings.COORD_BOUNDS[kind]
        if not lo <= num <= hi:
            return f"a {'longitude' if kind == 'lon' else 'latitude'} between {lo} and {hi} (China and Myanmar)"
    return None


def check_date(value: str) -> str | None:
    try:
        if DATE_RE.fullmatch(value) and date.fromisoformat(value):
            return None
    except ValueError:
        return "a real date as YYYY-MM-DD"
    for fmt in DATE_FORMATS:
        try:
            return f"a date as YYYY-MM-DD: write {datetime.strptime(value, fmt).date().isoformat()}"
        except ValueError:
            continue
    return "a date as YYYY-MM-DD, e.g. 2017-03-01"


def check_cell(value: str, col: Column) -> str | None:
    """What the cell should have been, or None when it is fine."""
    if value == "":
        return "a value (required)" if col.required else None
    if col.kind in ("number", "signed", "integer", "lon", "lat"):
        return check_number(value, col.kind)
    if col.kind == "date":
        return check_date(value)
    if col.kind == "adcode" and not ADCODE_RE.match(value):
        return "a 6-digit administrative division code"
    if col.kind == "choice" and value not in col.choices:
        return "one of " + ", ".join(col.choices)
    return None


def swapped_coordinates(name: str, line: int, row: dict[str, str]) -> Problem | None:
    """Longitude and latitude entered the wrong way round: one clear problem instead of two range errors."""
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except (KeyError, ValueError):
        return None
    (lon_lo, lon_hi), (lat_lo, lat_hi) = settings.COORD_BOUNDS["lon"], settings.COORD_BOUNDS["lat"]
    if not lon_lo <= lon <= lon_hi and lon_lo <= lat <= lon_hi and lat_lo <= lon <= lat_hi:
        return Problem(name, line, "lon", f"{row['lon']}, {row['lat']}",
                       "longitude in lon and latitude in lat; these two look swapped "
                       f"(write lon {row['lat']}, lat {row['lon']})")
    return None


def period_reversed(row: dict[str, str]) -> bool:
    """Both dates valid (a bad one has its own problem) and the period ends before it starts."""
    start, end = row.get("period_start", "").strip(), row.get("period_end", "").strip()
    return bool(start and end) and check_date(start) is None and check_date(end) is None and start > end


def check_table(name: str, rows: Rows, table: Table) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    has_coords = {"lon", "lat"} <= set(table.column_names)
    for line, row in rows:
        swapped = swapped_coordinates(name, line, row) if has_coords else None
        if swapped:
            problems.append(swapped)
        for col in table.columns:
            expected = None if swapped and col.name in ("lon", "lat") else check_cell(row[col.name].strip(), col)
            if expected:
                problems.append(Problem(name, line, col.name, row[col.name], expected))
        if table.key:
            key = row[table.key]
            if key in seen:
                problems.append(Problem(name, line, table.key, key, f"a unique id (also on line {seen[key]})"))
            seen.setdefault(key, line)
        if period_reversed(row):
            problems.append(Problem(name, line, "period_end", row["period_end"], "a date on or after period_start"))
    return problems


def normalise(text: str) -> str:
    return WHITESPACE_RE.sub("", text)


def read_sources(sources_dir: Path) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """The source documents' texts and encodings by file name, and any that cannot be decoded."""
    texts: dict[str, str] = {}
    encodings: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted(sources_dir.glob("*.txt")):
        decoded = read_text(path, f"sources/{path.name}")
        if decoded.problem is not None:
            problems.append(decoded.problem)
        else:
            texts[path.name], encodings[f"sources/{path.name}"] = decoded.text or "", decoded.encoding or ""
    return texts, encodings, problems


def check_references(tables: dict[str, Rows], texts: dict[str, str]) -> list[Problem]:
    """Join keys resolve; quotes are verbatim in their source document (texts by file name)."""
    keys = {n: {r[TABLES[n].key] for _, r in rows} for n, rows in tables.items() if TABLES[n].key}
    normalised = {name: normalise(text) for name, text in texts.items()}
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
                problems += check_quote(table.file, line, row, normalised)
    return problems


def check_quote(file: str, line: int, row: dict[str, str], texts: dict[str, str]) -> list[Problem]:
    src = row["source_file"]
    if src not in texts:
        return [Problem(file, line, "source_file", src, "a document in data/sources/")]
    if row["quote"] and normalise(row["quote"]) not in texts[src]:
        return [Problem(file, line, "quote", row["quote"][:60], f"a fragment quoted verbatim from {src}")]
    return []


def read_geojson(path: Path, file: str) -> tuple[dict | None, Problem | None]:
    """A boundary file as a FeatureCollection, or the problem that stops it being read."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        doc = json.loads(text)
    except OSError:
        return None, Problem(file, None, None, None, "the file to exist")
    except UnicodeDecodeError as exc:
        return None, Problem(file, None, None, None, f"GeoJSON in UTF-8 ({exc.reason} at byte {exc.start})")
    except json.JSONDecodeError as exc:
        why = "the file ends too early: truncated?" if exc.pos >= len(text.rstrip()) else exc.msg
        return None, Problem(file, exc.lineno, None, text[max(exc.pos - 20, 0):exc.pos + 20] or None,
                             f"complete, valid GeoJSON ({why}; at line {exc.lineno} column {exc.colno})")
    except RecursionError:
        return None, Problem(file, None, None, None, "GeoJSON nested less deeply")
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        return None, Problem(file, None, None, None, "a GeoJSON FeatureCollection with a list of features")
    return doc, None


def check_boundaries(boundary_dir: Path) -> list[Problem]:
    problems = []
    for name in BOUNDARY_FILES:
        file = f"boundaries/{name}.geojson"
        doc, problem = read_geojson(boundary_dir / f"{name}.geojson", file)
        if doc is None:
            problems += [problem] if problem else []
            continue
        if not doc["features"]:
            problems.append(Problem(file, None, None, None, "at least one feature"))
        for i, feat in enumerate(doc["features"], start=1):
            problems += check_feature(file, i, feat, BOUNDARY_PROPERTIES[name])
    return problems


def check_feature(file: str, index: int, feat: object, required: tuple[str, ...] = ()) -> list[Problem]:
    """One boundary feature: a valid (multi)polygon in the region, with the properties the maps use."""
    props = feat.get("properties") if isinstance(feat, dict) else None
    props = props if isinstance(props, dict) else {}
    label = str(props.get("adcode") or props.get("iso3"))
    problems = [Problem(file, None, f"feature {index}", label, expected) for expected in [geometry_problem(feat)]
                if expected]
    missing = [key for key in required if not isinstance(props.get(key), str) or not props[key]]
    if missing:
        problems.append(Problem(file, None, f"feature {index}", label, "the properties " + ", ".join(missing)))
    return problems


def geometry_problem(feat: object) -> str | None:
    """What a feature's geometry should have been, or None when it is a valid polygon in the region."""
    if not isinstance(feat, dict):
        return "a GeoJSON feature: an object with a geometry"
    try:
        geom = shape(feat["geometry"])
        valid, bounds = geom.is_valid, geom.bounds
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, shapely.errors.ShapelyError) as exc:
        return f"a GeoJSON geometry ({exc})"
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        return f"a Polygon or MultiPolygon, not {geom.geom_type}"
    if not valid:
        return f"a valid polygon ({shapely.is_valid_reason(geom)})"
    lo, la = settings.COORD_BOUNDS["lon"], settings.COORD_BOUNDS["lat"]
    minx, miny, maxx, maxy = bounds
    if not (lo[0] - 10 <= minx and maxx <= lo[1] + 10 and la[0] - 10 <= miny and maxy <= la[1] + 10):
        return "coordinates in China or its neighbours"
    return None


@dataclass
class Checked:
    """Everything one validation pass read: rows by table, source texts, encodings by file, problems."""
    rows: dict[str, Rows] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def check_dir(data_dir: Path) -> Checked:
    """Read and check every file of a data directory, collecting all problems rather than stopping at one."""
    out = Checked()
    for name, table in TABLES.items():
        rows, found, encoding = read_csv(data_dir / table.file, table)
        out.problems += found + check_table(table.file, rows, table)
        out.rows[name] = rows
        if encoding:
            out.encodings[table.file] = encoding
    out.texts, encodings, found = read_sources(data_dir / "sources")
    out.encodings.update(encodings)
    out.problems += found + check_references(out.rows, out.texts)
    out.problems += check_boundaries(data_dir / "boundaries")
    return out


def validate_dir(data_dir: Path) -> tuple[dict[str, Rows], list[Problem]]:
    """Read every table and return the rows with all problems found."""
    checked = check_dir(data_dir)
    return checked.rows, checked.problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else settings.data_dir()
    checked = check_dir(data_dir)
    for p in checked.problems:
        print(p)
    if checked.problems:
        print(f"{len(checked.problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n}: {len(rows)}" for n, rows in checked.rows.items())
    other = sorted(f"{f} ({e})" for f, e in checked.encodings.items() if e != UTF8)
    print(f"OK {data_dir}: {counts}" + ("; not plain UTF-8: " + ", ".join(other) if other else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
