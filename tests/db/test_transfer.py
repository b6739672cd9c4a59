"""Import, export and PostgresSource against a real database: the same rows, typed the same, all or nothing."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.data.load import DataError, DirectorySource
from geo.data.schema import TABLES
from geo.db import checks, transfer
from geo.db.engine import engine
from geo.db.source import PostgresSource
from tests.conftest import DATA, read_csv, write_csv

pytestmark = pytest.mark.db


def rows(folder: Path, file: str) -> list[dict]:
    with (folder / file).open(encoding="utf-8-sig", newline="") as fh:
        return [{k: v.strip() for k, v in r.items()} for r in csv.DictReader(fh)]


def test_round_trip_gives_the_same_rows(data_db, tmp_path: Path):
    out = tmp_path / "exported"
    counts = transfer.export_dir(data_db, out)
    for table in TABLES.values():
        assert rows(out, table.file) == rows(DATA, table.file), table.file
        assert counts[table.name] == len(rows(DATA, table.file))
    for text in (DATA / "sources").glob("*.txt"):
        assert (out / "sources" / text.name).read_text(encoding="utf-8") == text.read_text(encoding="utf-8-sig")
    assert DirectorySource(out).load()  # the exported folder passes the validator, boundaries included


def test_postgres_source_loads_what_the_folder_loads(data_db):
    from_db, from_files = PostgresSource(data_db).load(), DirectorySource(DATA).load()
    for name, frame in from_files.tables.items():
        pd.testing.assert_frame_equal(from_db.tables[name], frame, obj=name)
    for name, frame in from_files.boundaries.items():
        got = from_db.boundaries[name]
        assert list(got.columns) == list(frame.columns) and got.crs == frame.crs
        assert got.geometry.geom_equals(frame.geometry).all(), name  # polygons are stored as multipolygons
        pd.testing.assert_frame_equal(pd.DataFrame(got.drop(columns="geometry")),
                                      pd.DataFrame(frame.drop(columns="geometry")), obj=name)
    assert from_db.texts == from_files.texts


def test_import_of_bad_data_writes_nothing(data_db, data_copy: Path):
    header, body = read_csv(data_copy / "seizures.csv")
    body[3]["quantity"] = "1,200"
    write_csv(data_copy / "seizures.csv", header, body)
    before = PostgresSource(data_db).fingerprint()
    with pytest.raises(DataError) as err:
        transfer.import_dir(data_db, data_copy)
    assert [(p.file, p.line, p.column, p.value) for p in err.value.problems] == [("seizures.csv", 5, "quantity",
                                                                                  "1,200")]
    assert "thousands separators" in err.value.problems[0].expected
    assert PostgresSource(data_db).fingerprint() == before  # nothing written, the version unchanged


def test_import_that_fails_in_the_database_rolls_back(fresh_db, data_copy: Path):
    """A failure half-way (here a trigger refusing the boundaries, written last) leaves every table as it was."""
    header, body = read_csv(data_copy / "checkpoints.csv")
    body[0]["name_zh"] = "改名检查站"
    write_csv(data_copy / "checkpoints.csv", header, body)
    with engine(fresh_db).begin() as conn:  # make the last step of the import fail
        conn.execute(sa.text("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                             "$$BEGIN RAISE EXCEPTION 'disk full'; END$$"))
        conn.execute(sa.text("CREATE TRIGGER refuse BEFORE INSERT ON boundaries FOR EACH STATEMENT "
                             "EXECUTE FUNCTION refuse()"))
    with pytest.raises(sa.exc.DBAPIError, match="disk full"):
        transfer.import_dir(fresh_db, data_copy)
    with engine(fresh_db).connect() as conn:
        assert conn.execute(sa.text("SELECT name_zh FROM checkpoints ORDER BY line_no LIMIT 1")).scalar() != "改名检查站"
        assert conn.execute(sa.text("SELECT count(*) FROM boundaries")).scalar() > 0
        assert conn.execute(sa.text("SELECT version FROM data_version")).scalar() == 1


def test_import_again_logs_the_change_and_keeps_the_old_version(fresh_db, data_copy: Path):
    header, body = read_csv(data_copy / "checkpoints.csv")
    body[0]["name_en"] = "Renamed"
    write_csv(data_copy / "checkpoints.csv", header, body)
    done = transfer.import_dir(fresh_db, data_copy, user="alice")
    assert done.version == 2
    with engine(fresh_db).connect() as conn:
        logged = conn.execute(sa.text("SELECT user_name, table_name, action, added, changed, removed FROM history "
                                      "WHERE user_name = 'alice'")).all()
        kept = conn.execute(sa.text("SELECT csv FROM versions WHERE table_name = 'checkpoints'")).scalar()
    assert logged == [("alice", "checkpoints", "import", 0, 1, 0)]  # only the table that changed
    assert "Hengyang narcotics work station in Guangdong" in kept


def test_points_in_their_jurisdiction(fresh_db):
    assert checks.points_outside(fresh_db) == []  # the curated points lie where they say
    with engine(fresh_db).begin() as conn:  # move a Guangdong work station to Beijing
        conn.execute(sa.text("UPDATE checkpoints SET lon = 116.4, lat = 39.9 WHERE checkpoint_id = 'hy-cp-01'"))
    found = checks.points_outside(fresh_db)
    assert [(p.file, p.line, p.column, p.value) for p in found] == [("checkpoints.csv", 2, "lon", "116.4, 39.9")]
    assert "inside 440000" in found[0].expected and "province_centroid" in found[0].expected


def test_cli_import_reports_the_validator_messages(data_db, data_copy: Path, capsys):
    from geo.db.__main__ import main

    header, body = read_csv(data_copy / "checkpoints.csv")
    body[0]["lon"], body[0]["lat"] = body[0]["lat"], body[0]["lon"]
    write_csv(data_copy / "checkpoints.csv", header, body)
    assert main(["--url", data_db, "import", str(data_copy)]) == 1
    out = capsys.readouterr()
    assert "checkpoints.csv:2: column 'lon'" in out.out and "look swapped" in out.out
    assert "nothing was imported" in out.err
