"""A corpus of broken data files, made from a private copy of data/: each breaker edits the copy the way staff
might (in Excel or a text editor) and returns the one problem the validator must report for it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import read_csv, write_csv


@dataclass(frozen=True)
class Expect:
    file: str
    line: int | None
    column: str | None
    text: str  # a fragment of Problem.expected
    value: str | None = None  # Problem.value, when the test should check it


def line_of(path: Path, row_id: str) -> int:
    """The physical line a row starts on (quoted cells may span lines, so count, never assume)."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if text.startswith(row_id + ","))


def edit_row(path: Path, row_id: str, **cells: str) -> int:
    """Set cells of the row whose first cell is row_id; returns the row's physical line."""
    header, rows = read_csv(path)
    row = next(r for r in rows if r[header[0]] == row_id)
    row.update(cells)
    write_csv(path, header, rows)
    return line_of(path, row_id)


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def missing_column(d: Path) -> Expect:
    header, rows = read_csv(d / "seizures.csv")
    write_csv(d / "seizures.csv", [h for h in header if h != "quantity"],
              [{k: v for k, v in r.items() if k != "quantity"} for r in rows])
    return Expect("seizures.csv", 1, "quantity", "this column in the header")


def extra_column(d: Path) -> Expect:
    header, rows = read_csv(d / "seizures.csv")
    write_csv(d / "seizures.csv", [*header, "remarks"], [{**r, "remarks": ""} for r in rows])
    return Expect("seizures.csv", 1, "remarks", "only the columns seizure_id, adcode", "remarks")


def extra_cell(d: Path) -> Expect:
    replace_text(d / "seizures.csv", "毒品,143,exact", "毒品,1,430,exact")  # a thousands separator, unquoted
    return Expect("seizures.csv", line_of(d / "seizures.csv", "hy-sz-001"), None,
                  "18 comma-separated cells, got 19 (a cell containing a comma must be in double quotes)")


def missing_cell(d: Path) -> Expect:
    replace_text(d / "seizures.csv", "毒品,143,exact", "毒品,exact")
    return Expect("seizures.csv", line_of(d / "seizures.csv", "hy-sz-001"), None, "18 comma-separated cells, got 17")


def empty_file(d: Path) -> Expect:
    (d / "figures.csv").write_bytes(b"")
    return Expect("figures.csv", 1, None, "a header row: figure_id,adcode,category")


def missing_file(d: Path) -> Expect:
    (d / "cases.csv").unlink()
    return Expect("cases.csv", None, None, "the file to exist")


def _redelimit(path: Path, delimiter: str) -> None:
    import csv

    header, rows = read_csv(path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)


def semicolons(d: Path) -> Expect:
    _redelimit(d / "checkpoints.csv", ";")
    return Expect("checkpoints.csv", 1, None, "this file is separated by semicolons: save it as 'CSV UTF-8")


def tabs(d: Path) -> Expect:
    _redelimit(d / "checkpoints.csv", "\t")
    return Expect("checkpoints.csv", 1, None, "this file is separated by tabs")


def swapped_lon_lat(d: Path) -> Expect:
    _, rows = read_csv(d / "checkpoints.csv")
    lon, lat = rows[0]["lon"], rows[0]["lat"]
    line = edit_row(d / "checkpoints.csv", rows[0]["checkpoint_id"], lon=lat, lat=lon)
    return Expect("checkpoints.csv", line, "lon", f"these two look swapped (write lon {lon}, lat {lat})",
                  f"{lat}, {lon}")


def outside_china(d: Path) -> Expect:
    line = edit_row(d / "places.csv", "MMR", lon="2.3522", lat="48.8566")  # Paris
    return Expect("places.csv", line, "lon", "a longitude between 73.0 and 135.5", "2.3522")


def negative_quantity(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-002", quantity="-2.5")
    return Expect("seizures.csv", line, "quantity", "a number >= 0", "-2.5")


def non_numeric_quantity(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-002", quantity="2.5kg")
    return Expect("seizures.csv", line, "quantity", "a number", "2.5kg")


def wan_quantity(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-003", alt_quantity="12万")
    return Expect("seizures.csv", line, "alt_quantity", "万/亿 written out (2.5万 → 25000)", "12万")


def qualifier_in_number(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-001", quantity="143余")
    return Expect("seizures.csv", line, "quantity", "余/多/约/以上 belong in the qualifier column", "143余")


def thousands_separator(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-003", alt_quantity="120,000")  # quoted by the writer
    return Expect("seizures.csv", line, "alt_quantity", "without thousands separators", "120,000")


def nan_quantity(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-002", quantity="nan")
    return Expect("seizures.csv", line, "quantity", "a number", "nan")


def unknown_adcode(d: Path) -> Expect:
    line = edit_row(d / "figures.csv", "hy-fig-001", adcode="439999")
    return Expect("figures.csv", line, "adcode", "an id listed in jurisdictions.csv", "439999")


def malformed_adcode(d: Path) -> Expect:
    line = edit_row(d / "figures.csv", "hy-fig-001", adcode="43040")
    return Expect("figures.csv", line, "adcode", "a 6-digit administrative division code", "43040")


def duplicate_id(d: Path) -> Expect:
    header, rows = read_csv(d / "cases.csv")
    write_csv(d / "cases.csv", header, rows + [dict(rows[0])])
    lines = (d / "cases.csv").read_text(encoding="utf-8").splitlines()
    last = max(i for i, text in enumerate(lines, start=1) if text.startswith(rows[0]["case_id"] + ","))
    return Expect("cases.csv", last, "case_id", f"a unique id (also on line {line_of(d / 'cases.csv', rows[0]['case_id'])})")


def unknown_waypoint(d: Path) -> Expect:
    header, rows = read_csv(d / "route_waypoints.csv")
    rows[2]["place_ref"] = "atlantis"
    write_csv(d / "route_waypoints.csv", header, rows)
    return Expect("route_waypoints.csv", 4, "place_ref", "an adcode in jurisdictions.csv or a place_id in places.csv",
                  "atlantis")


def date_with_slashes(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-002", period_start="2017/3/1")
    return Expect("seizures.csv", line, "period_start", "a date as YYYY-MM-DD: write 2017-03-01", "2017/3/1")


def date_in_chinese(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-003", period_end="2017年3月31日")
    return Expect("seizures.csv", line, "period_end", "a date as YYYY-MM-DD: write 2017-03-31", "2017年3月31日")


def date_compact(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-004", period_start="20170301")
    return Expect("seizures.csv", line, "period_start", "a date as YYYY-MM-DD: write 2017-03-01", "20170301")


def date_unreadable(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-004", period_start="March 2017")
    return Expect("seizures.csv", line, "period_start", "a date as YYYY-MM-DD, e.g. 2017-03-01", "March 2017")


def date_impossible(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-004", period_start="2017-02-30")
    return Expect("seizures.csv", line, "period_start", "a real date as YYYY-MM-DD", "2017-02-30")


def truncated_geojson(d: Path) -> Expect:
    path = d / "boundaries/counties.geojson"
    path.write_text(path.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    return Expect("boundaries/counties.geojson", 1, None, "the file ends too early: truncated?")


def self_intersecting_polygon(d: Path) -> Expect:
    path = d / "boundaries/countries.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][1]["geometry"] = {"type": "Polygon",
                                      "coordinates": [[[100, 20], [101, 21], [101, 20], [100, 21], [100, 20]]]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return Expect("boundaries/countries.geojson", None, "feature 2", "a valid polygon (Self-intersection")


def not_a_feature_collection(d: Path) -> Expect:
    (d / "boundaries/provinces.geojson").write_text("[1, 2, 3]", encoding="utf-8")
    return Expect("boundaries/provinces.geojson", None, None, "a GeoJSON FeatureCollection")


def boundary_without_names(d: Path) -> Expect:
    path = d / "boundaries/prefectures.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    del doc["features"][0]["properties"]["name_zh"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    return Expect("boundaries/prefectures.geojson", None, "feature 1", "the properties name_zh")


def utf16(d: Path) -> Expect:
    path = d / "routes.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return Expect("routes.csv", 1, None, "looks like UTF-16")


def stray_nul(d: Path) -> Expect:
    path = d / "routes.csv"
    line = line_of(path, "hy-route-02")
    replace_text(path, "hy-route-02,", "hy-route-02\x00,")
    return Expect("routes.csv", line, None, "text without NUL characters", "00")


def damaged_utf8(d: Path) -> Expect:
    path = d / "figures.csv"
    line = line_of(path, "hy-fig-002")
    raw = path.read_bytes()
    at = raw.index("侦破".encode())
    path.write_bytes(raw[:at] + b"\xe4\xbe" + raw[at + 3:])  # one character lost its last byte
    return Expect("figures.csv", line, None, "the file is UTF-8 except for a damaged character here")


def mixed_encodings(d: Path) -> Expect:
    path = d / "routes.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = line_of(path, "hy-route-02")
    raw = b"".join(text.encode("utf-8" if i == line else "gb18030") for i, text in enumerate(lines, start=1))
    path.write_bytes(raw)  # one row pasted from a UTF-8 file into a GBK one
    return Expect("routes.csv", line, None, "this line is UTF-8, the rest GB18030/GBK")


def neither_encoding(d: Path) -> Expect:
    path = d / "routes.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030") + b"x,\xff\xff\n")
    return Expect("routes.csv", path.read_bytes().count(b"\n"), None, "UTF-8 or GB18030/GBK; the file is in neither")


def period_reversed(d: Path) -> Expect:
    line = edit_row(d / "seizures.csv", "hy-sz-002", period_start="2017-04-01")
    return Expect("seizures.csv", line, "period_end", "a date on or after period_start", "2017-03-31")


CORPUS = [missing_column, extra_column, extra_cell, missing_cell, empty_file, missing_file, semicolons, tabs,
          swapped_lon_lat, outside_china, negative_quantity, non_numeric_quantity, wan_quantity, qualifier_in_number,
          thousands_separator, nan_quantity, unknown_adcode, malformed_adcode, duplicate_id, unknown_waypoint,
          date_with_slashes, date_in_chinese, date_compact, date_unreadable, date_impossible, truncated_geojson,
          self_intersecting_polygon, not_a_feature_collection, boundary_without_names,
          utf16, stray_nul, damaged_utf8, mixed_encodings, neither_encoding, period_reversed]
