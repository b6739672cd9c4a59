"""Never down on bad data: the last valid version is kept on disk and in memory and served while a file is broken."""
import json

import pytest

from geo import settings
from geo.data import load as data
from geo.data import snapshot
from geo.data.validate import Problem
from tests.conftest import read_csv, write_csv
from tests.unit.data.broken import edit_row


@pytest.fixture(autouse=True)
def fresh_memory():
    """Each test starts as a freshly started server would (its data dirs are new tmp dirs anyway)."""
    snapshot._MEMORY.clear()
    yield
    snapshot._MEMORY.clear()


def drop_last_figure(d):
    header, rows = read_csv(d / "figures.csv")
    write_csv(d / "figures.csv", header, rows[:-1])
    return len(rows) - 1


def test_a_valid_load_publishes_a_snapshot_that_is_itself_valid_data(data_copy):
    loaded = snapshot.load_safely(data_copy)
    assert loaded.problems == () and not loaded.stale
    root = data_copy / settings.LAST_VALID_DIR
    manifest = json.loads((root / "CURRENT").read_text(encoding="utf-8"))
    assert manifest["fingerprint"] == loaded.dataset.fingerprint
    assert sorted(p.name for p in root.iterdir()) == ["CURRENT", manifest["version"]]
    assert data.DirectorySource(root / manifest["version"]).load().fingerprint == loaded.dataset.fingerprint


def test_the_snapshot_is_not_part_of_the_data(data_copy):
    before = data.DirectorySource(data_copy).fingerprint()
    snapshot.load_safely(data_copy)
    assert data.DirectorySource(data_copy).fingerprint() == before
    assert not any(settings.LAST_VALID_DIR in p.parts for p in data.DirectorySource(data_copy).files())


def test_broken_file_serves_the_last_valid_version_with_its_problems(data_copy):
    first = snapshot.load_safely(data_copy)
    line = edit_row(data_copy / "seizures.csv", "hy-sz-002", quantity="2,5")
    loaded = snapshot.load_safely(data_copy)
    assert loaded.stale and loaded.saved_at
    assert len(loaded.dataset["seizures"]) == len(first.dataset["seizures"])
    assert loaded.dataset.fingerprint == first.dataset.fingerprint
    assert [(p.file, p.line, p.column) for p in loaded.problems] == [("seizures.csv", line, "quantity")]


def test_the_last_valid_version_survives_a_restart(data_copy):
    snapshot.load_safely(data_copy)
    (data_copy / "cases.csv").write_text("case_id;name_zh\n", encoding="utf-8")
    snapshot._MEMORY.clear()  # a restarted server has nothing in memory
    loaded = snapshot.load_safely(data_copy)
    assert loaded.stale and len(loaded.dataset["cases"]) > 0
    assert loaded.problems[0].file == "cases.csv" and "semicolons" in loaded.problems[0].expected


def test_never_valid_gives_problems_and_no_data(data_copy):
    (data_copy / "figures.csv").write_text("", encoding="utf-8")
    loaded = snapshot.load_safely(data_copy)
    assert loaded.dataset is None and not loaded.stale
    assert loaded.problems[0].file == "figures.csv"
    assert not list((data_copy / settings.LAST_VALID_DIR).glob("staging-*"))  # the refused copy is gone


def test_a_fixed_file_becomes_the_new_last_valid_version(data_copy):
    snapshot.load_safely(data_copy)
    n = drop_last_figure(data_copy)
    loaded = snapshot.load_safely(data_copy)
    assert not loaded.stale and len(loaded.dataset["figures"]) == n
    versions = list((data_copy / settings.LAST_VALID_DIR).glob("v-*"))
    assert len(versions) == 1  # the older snapshot was pruned
    edit_row(data_copy / "figures.csv", "hy-fig-001", value="many")
    snapshot._MEMORY.clear()
    assert len(snapshot.load_safely(data_copy).dataset["figures"]) == n


def test_read_only_data_dir_keeps_the_last_valid_version_in_memory(data_copy, monkeypatch):
    monkeypatch.setattr(snapshot, "_stage", lambda d: None)  # as when the folder cannot be written
    snapshot.load_safely(data_copy)
    assert not (data_copy / settings.LAST_VALID_DIR).exists()
    edit_row(data_copy / "seizures.csv", "hy-sz-002", quantity="-1")
    loaded = snapshot.load_safely(data_copy)
    assert loaded.stale and loaded.problems[0].column == "quantity"


def test_a_damaged_snapshot_is_no_snapshot(data_copy):
    snapshot.load_safely(data_copy)
    root = data_copy / settings.LAST_VALID_DIR
    version = json.loads((root / "CURRENT").read_text(encoding="utf-8"))["version"]
    (root / version / "places.csv").write_text("oops", encoding="utf-8")
    (data_copy / "places.csv").write_text("oops", encoding="utf-8")
    snapshot._MEMORY.clear()
    loaded = snapshot.load_safely(data_copy)
    assert loaded.dataset is None and loaded.problems[0].file == "places.csv"


def test_an_unexpected_loader_error_is_a_problem_not_a_crash(data_copy, monkeypatch):
    snapshot.load_safely(data_copy)

    def explode(_):
        raise KeyError("features")

    monkeypatch.setattr(data, "read_boundaries", explode)
    loaded = snapshot.load_safely(data_copy)
    assert loaded.stale and loaded.problems[0].file == "(loader)" and "KeyError" in loaded.problems[0].expected


def test_problem_descriptions_in_both_languages():
    p = Problem("figures.csv", 12, "value", "1,200", "a plain number")
    assert snapshot.describe(p, "zh") == "figures.csv，第12行，列“value”，值“1,200”：应为 a plain number"
    assert snapshot.describe(p, "en") == "figures.csv, line 12, column 'value', value '1,200': expected a plain number"
    assert snapshot.describe(Problem("cases.csv", None, None, None, "the file to exist"), "en") == \
        "cases.csv: expected the file to exist"


def test_problem_and_encoding_tables(data_copy):
    frame = snapshot.problem_frame([Problem("a.csv", 3, "x", "<b>", "y"), Problem("b.geojson", None, None, None, "z")],
                                   "en")
    assert list(frame.columns) == ["File", "Line", "Column", "Value", "Expected"]
    assert frame["Line"].tolist()[0] == 3 and frame["Value"].tolist() == ["<b>", ""]
    ds = snapshot.load_safely(data_copy).dataset
    enc = snapshot.encoding_frame(ds, "zh")
    assert list(enc.columns) == ["文件", "编码"] and set(enc["编码"]) == {"UTF-8"}
    assert "figures.csv" in set(enc["文件"])
