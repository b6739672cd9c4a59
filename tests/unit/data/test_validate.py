"""The data contract: the shipped data passes, and a broken copy of each file is rejected precisely."""
import json

import pytest

from geo.data import validate
from geo.data.schema import TABLES
from tests.conftest import DATA, read_csv, write_csv

NUMERIC = {name: next((c.name for c in t.columns if c.kind in ("number", "integer", "lon", "lat") and c.required),
                      None) for name, t in TABLES.items()}


def test_shipped_data_is_valid():
    tables, problems = validate.validate_dir(DATA)
    assert problems == []
    assert all(len(tables[n]) > 0 for n in ("figures", "seizures", "cases", "routes", "checkpoints", "demo_sites"))


def test_cli_exit_codes(data_copy, capsys):
    assert validate.main([str(data_copy)]) == 0
    (data_copy / "figures.csv").write_text("", encoding="utf-8")
    assert validate.main([str(data_copy)]) == 1
    assert "figures.csv:1" in capsys.readouterr().out


@pytest.mark.parametrize("name", list(TABLES))
def test_missing_column_is_named(data_copy, name):
    header, rows = read_csv(data_copy / TABLES[name].file)
    dropped = header[1]
    write_csv(data_copy / TABLES[name].file, [h for h in header if h != dropped],
              [{k: v for k, v in r.items() if k != dropped} for r in rows])
    _, problems = validate.validate_dir(data_copy)
    assert any(p.file == TABLES[name].file and p.line == 1 and p.column == dropped for p in problems)


@pytest.mark.parametrize("name", [n for n, c in NUMERIC.items() if c])
def test_bad_number_names_line_column_and_value(data_copy, name):
    header, rows = read_csv(data_copy / TABLES[name].file)
    col = NUMERIC[name]
    rows[0][col] = "12x"
    write_csv(data_copy / TABLES[name].file, header, rows)
    _, problems = validate.validate_dir(data_copy)
    match = [p for p in problems if p.file == TABLES[name].file and p.column == col]
    assert match and match[0].line == 2 and match[0].value == "12x" and "number" in match[0].expected


@pytest.mark.parametrize("name", [n for n, t in TABLES.items() if t.key])
def test_duplicate_id(data_copy, name):
    path = data_copy / TABLES[name].file
    header, rows = read_csv(path)
    write_csv(path, header, rows)
    appended_at = path.read_text(encoding="utf-8").count("\n") + 1  # physical line; quoted cells may span lines
    write_csv(path, header, rows + [rows[0]])
    _, problems = validate.validate_dir(data_copy)
    assert any(p.column == TABLES[name].key and p.line == appended_at and "unique" in p.expected for p in problems)


@pytest.mark.parametrize("name", ["figures", "seizures", "cases", "checkpoints", "demo_sites"])
def test_unknown_adcode(data_copy, name):
    header, rows = read_csv(data_copy / TABLES[name].file)
    rows[0]["adcode"] = "999999"
    write_csv(data_copy / TABLES[name].file, header, rows)
    _, problems = validate.validate_dir(data_copy)
    assert any(p.file == TABLES[name].file and p.line == 2 and p.value == "999999" for p in problems)


@pytest.mark.parametrize("name", [n for n, t in TABLES.items() if t.provenance])
def test_quote_must_be_verbatim(data_copy, name):
    header, rows = read_csv(data_copy / TABLES[name].file)
    rows[0]["quote"] = "缴获毒品9999公斤"
    write_csv(data_copy / TABLES[name].file, header, rows)
    _, problems = validate.validate_dir(data_copy)
    assert any(p.file == TABLES[name].file and p.column == "quote" and p.line == 2 for p in problems)


def test_waypoint_of_unknown_place(data_copy):
    header, rows = read_csv(data_copy / "route_waypoints.csv")
    rows[0]["place_ref"] = "atlantis"
    write_csv(data_copy / "route_waypoints.csv", header, rows)
    _, problems = validate.validate_dir(data_copy)
    assert any(p.column == "place_ref" and p.value == "atlantis" and p.line == 2 for p in problems)


def test_coordinate_outside_area(data_copy):
    header, rows = read_csv(data_copy / "checkpoints.csv")
    rows[0]["lon"], rows[0]["lat"] = rows[0]["lat"], rows[0]["lon"]  # swapped
    write_csv(data_copy / "checkpoints.csv", header, rows)
    _, problems = validate.validate_dir(data_copy)
    assert any(p.file == "checkpoints.csv" and p.column == "lon" and "longitude" in p.expected for p in problems)


def test_bad_choice_and_date(data_copy):
    header, rows = read_csv(data_copy / "seizures.csv")
    rows[0]["drug_type"] = "sugar"
    rows[0]["period_start"] = "2017/03/01"
    write_csv(data_copy / "seizures.csv", header, rows)
    _, problems = validate.validate_dir(data_copy)
    cols = {p.column: p for p in problems if p.file == "seizures.csv"}
    assert "heroin" in cols["drug_type"].expected and "YYYY-MM-DD" in cols["period_start"].expected


def test_truncated_geojson_and_invalid_polygon(data_copy):
    path = data_copy / "boundaries/counties.geojson"
    path.write_text(path.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    bowtie = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"iso3": "X"},
              "geometry": {"type": "Polygon",
                           "coordinates": [[[100, 20], [101, 21], [101, 20], [100, 21], [100, 20]]]}}]}
    (data_copy / "boundaries/countries.geojson").write_text(json.dumps(bowtie), encoding="utf-8")
    _, problems = validate.validate_dir(data_copy)
    assert any(p.file == "boundaries/counties.geojson" and "valid GeoJSON" in p.expected for p in problems)
    assert any(p.file == "boundaries/countries.geojson" and "valid polygon" in p.expected for p in problems)


def test_problem_message_reads_well():
    p = validate.Problem("figures.csv", 12, "value", "12x", "a number")
    assert str(p) == "figures.csv:12: column 'value' value '12x': expected a number"
