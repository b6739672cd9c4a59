"""Public and internal records: the optional `visibility` column and what the public sees."""
from geo.data import filters
from geo.data.load import load_dataset
from geo.data.validate import validate_dir
from tests.conftest import read_csv, write_csv


def test_files_without_the_column_are_valid_and_public(data_copy):
    header, _ = read_csv(data_copy / "cases.csv")
    assert "visibility" not in header
    assert validate_dir(data_copy)[1] == []
    ds = load_dataset(data_copy)
    assert len(filters.public_only(ds["cases"])) == len(ds["cases"])


def test_unknown_visibility_value_is_a_problem(data_copy):
    header, rows = read_csv(data_copy / "checkpoints.csv")
    rows[0]["visibility"] = "secret"
    write_csv(data_copy / "checkpoints.csv", header + ["visibility"], rows)
    problems = validate_dir(data_copy)[1]
    assert [(p.column, p.value) for p in problems] == [("visibility", "secret")]


def test_internal_records_and_their_dependents_are_hidden(data_copy):
    header, rows = read_csv(data_copy / "cases.csv")
    hidden = next(r["case_id"] for r in rows if r["route_id"])
    for r in rows:
        r["visibility"] = "internal" if r["case_id"] == hidden else ""
    write_csv(data_copy / "cases.csv", header + ["visibility"], rows)
    header, rows = read_csv(data_copy / "routes.csv")
    rows[0]["visibility"] = "internal"
    write_csv(data_copy / "routes.csv", header + ["visibility"], rows)
    hidden_route = rows[0]["route_id"]
    ds = load_dataset(data_copy)
    pub = filters.public_dataset(ds)
    assert hidden in set(ds["cases"]["case_id"]) and hidden not in set(pub["cases"]["case_id"])
    assert len(pub["cases"]) == len(ds["cases"]) - 1
    assert hidden not in set(pub["seizures"]["case_id"].dropna())
    assert hidden_route not in set(pub["routes"]["route_id"]) | set(pub["route_waypoints"]["route_id"])
    assert pub.fingerprint != ds.fingerprint
