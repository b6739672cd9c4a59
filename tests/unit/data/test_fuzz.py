"""Fuzzing the reader, validator and loader: any bytes, any text, any cells end in valid data or a clean list of
problems, never an unhandled exception (the app must stay up whatever staff save)."""
import csv
import io
import json
import math
import string
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from geo.data import load as data
from geo.data import reading, snapshot, validate
from geo.data.schema import TABLES, Column
from tests.conftest import copy_data

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TABLE_NAMES = sorted(TABLES)
# Values spreadsheets and people produce that a float() check alone would let through or choke on.
TRICKY = ["nan", "NaN", "inf", "-inf", "Infinity", "1_000", "١٢", "１２", "1e400", "-0", "+5", ".5", "5.", "0x10",
          " 12 ", "1,200", "2.5万", "800余", "2017/3/1", "2017-02-30", "20170301", "2017-3-1", "\ufeff", '"', ",", "\n",
          "\r\n", "；", "\t", "=1+1", "<b>x</b>", "430400", "000000", "9" * 40, "1e-400"]


def valid_cell(col: Column) -> st.SearchStrategy[str]:
    """Values of the column's kind that should pass, so some rows get all the way to the typed frame."""
    if col.kind in ("number", "integer"):
        return st.integers(0, 10**9).map(str) | st.floats(0, 1e9, allow_nan=False).map(repr)
    if col.kind == "signed":
        return st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: f"{x:.3f}")
    if col.kind in ("lon", "lat"):
        lo, hi = validate.settings.COORD_BOUNDS[col.kind]
        return st.floats(lo, hi).map(lambda x: f"{x:.5f}")
    if col.kind == "date":
        return st.dates().map(lambda d: d.isoformat())
    if col.kind == "adcode":
        return st.sampled_from(["430400", "431100", "410400", "421200"])
    if col.kind == "choice":
        return st.sampled_from(col.choices)
    return st.text(max_size=12)


def cell(col: Column) -> st.SearchStrategy[str]:
    return valid_cell(col) | st.sampled_from(TRICKY) | st.text(max_size=8) | st.just("")


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@st.composite
def table_file(draw) -> tuple[str, str]:
    """A table's real header and random rows of mostly plausible cells."""
    name = draw(st.sampled_from(TABLE_NAMES))
    cols = TABLES[name].columns
    rows = draw(st.lists(st.tuples(*[cell(c) for c in cols]).map(list), max_size=4))
    return name, csv_text([c.name for c in cols], rows)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FAST
@given(raw=st.binary(max_size=3000))
def test_decode_any_bytes_gives_text_or_a_problem(raw):
    decoded = reading.decode(raw, "x.csv")
    assert (decoded.text is None) != (decoded.problem is None)
    if decoded.text is None:
        assert decoded.problem.file == "x.csv" and decoded.problem.line >= 1
    else:
        assert decoded.encoding in (reading.UTF8, reading.UTF8_BOM, reading.GB18030)


@FAST
@given(text=st.text(max_size=300).filter(lambda s: "\x00" not in s and not s.startswith("\ufeff")),
       bom=st.booleans())
def test_utf8_text_is_never_altered(text, bom):
    decoded = reading.decode(("\ufeff" if bom else "").encode() + text.encode("utf-8"), "x.csv")
    assert decoded.text == text


@FAST
@given(raw=st.binary(max_size=2000) | st.text(max_size=400).map(lambda s: s.encode("utf-8")),
       name=st.sampled_from(TABLE_NAMES))
def test_read_csv_of_any_file_never_raises(scratch, raw, name):
    table = TABLES[name]
    (scratch / table.file).write_bytes(raw)
    rows, problems, _ = validate.read_csv(scratch / table.file, table)
    problems += validate.check_table(table.file, rows, table)
    assert all(isinstance(p, validate.Problem) and p.file == table.file for p in problems)
    assert all(set(row) == set(table.column_names) for _, row in rows)


@FAST
@given(case=table_file(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_random_cells_end_in_typed_data_or_problems(scratch, case, encoding):
    name, text = case
    table = TABLES[name]
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates cannot be saved in any encoding
        return
    (scratch / table.file).write_bytes(raw)
    rows, problems, _ = validate.read_csv(scratch / table.file, table)
    problems += validate.check_table(table.file, rows, table)
    event("valid rows" if not problems else "problems")
    if not problems:
        frame = data.typed_frame(rows, table)
        numeric = [c.name for c in table.columns if c.kind in ("number", "signed", "integer", "lon", "lat")]
        assert all(math.isfinite(v) for c in numeric for v in frame[c].dropna())


@FAST
@given(value=st.sampled_from(TRICKY) | st.text(max_size=12) | st.from_regex(r"[+-]?\d{0,3}[.,_]?\d{0,3}(e\d{1,3})?",
                                                                               fullmatch=True),
       kind=st.sampled_from(["number", "signed", "integer", "lon", "lat", "date"]))
def test_every_accepted_cell_is_readable_by_pandas(value, kind):
    if validate.check_cell(value.strip(), Column("x", kind)) is None and value.strip():
        series = pd.Series([value.strip()], dtype="string")
        if kind == "date":
            pd.Timestamp(value.strip())
        else:
            number = pd.to_numeric(series).astype("Int64" if kind == "integer" else "Float64")[0]
            assert math.isfinite(number)


JSON = st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4),
                    max_leaves=20)
COORDS = st.lists(st.lists(st.tuples(st.floats(60, 150), st.floats(-5, 60)).map(list), min_size=0, max_size=6),
                  max_size=2)
GEOMETRY = st.fixed_dictionaries({"type": st.sampled_from(["Polygon", "MultiPolygon", "Point", "LineString", "Blob"]),
                                  "coordinates": COORDS | JSON}) | JSON
FEATURE = st.fixed_dictionaries({"type": st.just("Feature"), "geometry": GEOMETRY,
                                 "properties": st.fixed_dictionaries({"adcode": st.text(string.digits, max_size=6)})
                                 | JSON}) | JSON
GEOJSON = st.fixed_dictionaries({"type": st.just("FeatureCollection"), "features": st.lists(FEATURE, max_size=3)}) | JSON


@FAST
@given(doc=GEOJSON, cut=st.integers(0, 400) | st.none())
def test_any_geojson_gives_features_or_problems(scratch, doc, cut):
    text = json.dumps(doc)
    (scratch / "b.geojson").write_text(text[:cut] if cut is not None else text, encoding="utf-8")
    parsed, problem = validate.read_geojson(scratch / "b.geojson", "b.geojson")
    assert (parsed is None) != (problem is None)
    for i, feat in enumerate(parsed["features"] if parsed else [], start=1):
        assert all(p.column == f"feature {i}" for p in validate.check_feature("b.geojson", i, feat))


@pytest.fixture(scope="module")
def live_copy(tmp_path_factory) -> Path:
    """One data copy loaded once, so every example starts from a process that has served valid data."""
    target = tmp_path_factory.mktemp("live") / "data"
    copy_data(target)
    assert snapshot.load_safely(target).problems == ()
    return target


@pytest.mark.slow
@SLOW
@given(name=st.sampled_from(TABLE_NAMES), content=st.binary(max_size=500) | table_file().map(lambda c: c[1].encode()))
def test_whole_directory_with_a_fuzzed_file_keeps_serving(live_copy, name, content):
    path = live_copy / TABLES[name].file
    original = path.read_bytes()
    try:
        path.write_bytes(content)
        loaded = snapshot.load_safely(live_copy)
        assert loaded.dataset is not None and len(loaded.dataset["jurisdictions"]) > 0
        assert loaded.problems or loaded.dataset.tables[name] is not None
    finally:
        path.write_bytes(original)


@pytest.mark.slow
@SLOW
@given(doc=GEOJSON, name=st.sampled_from(["provinces", "counties"]))
def test_whole_directory_with_a_fuzzed_boundary_keeps_serving(live_copy, doc, name):
    path = live_copy / "boundaries" / f"{name}.geojson"
    original = path.read_bytes()
    try:
        path.write_text(json.dumps(doc), encoding="utf-8")
        loaded = snapshot.load_safely(live_copy)
        assert loaded.dataset is not None and len(loaded.dataset.boundaries[name]) > 0
        assert loaded.problems, "a fuzzed boundary file that passed would need a closer look"
    finally:
        path.write_bytes(original)
