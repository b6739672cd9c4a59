"""Rows between the database and the validator's form: (line, {column: text}), and CSV text of a table."""
from __future__ import annotations

import csv
import hashlib
import io
import json

import sqlalchemy as sa

from geo.data.reading import Rows
from geo.data.schema import BOUNDARY_FILES, TABLES
from geo.db import tables as db


def header_of(text: str) -> list[str]:
    """The header row of CSV text (optional columns may be left out, so it is kept with the table)."""
    first = next(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")), [])
    return [c.strip() for c in first]


def write_rows(conn: sa.Connection, name: str, rows: Rows, header: list[str]) -> None:
    """Replace a table's rows with validated rows (cells stripped, empty as NULL) via COPY, and its header."""
    cols = TABLES[name].column_names
    conn.execute(sa.text(f'DELETE FROM "{name}"'))  # nosec B608: a table name of the schema (TABLES), no input
    raw = conn.connection.driver_connection
    if raw is None:
        raise RuntimeError("the database connection was closed before the rows were written")
    names = ", ".join(f'"{c}"' for c in [*cols, db.LINE])
    with raw.cursor() as cur, cur.copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
        for line, row in rows:
            copy.write_row([(row[c].strip() or None) for c in cols] + [line])
    conn.execute(sa.text("INSERT INTO csv_headers (table_name, columns) VALUES (:t, :c) "
                         "ON CONFLICT (table_name) DO UPDATE SET columns = excluded.columns"), {"t": name, "c": header})


def read_rows(conn: sa.Connection, name: str) -> Rows:
    """A table's rows as the validator reads them from a file, in file order (numbers keep their digits)."""
    cols = TABLES[name].column_names
    select = ", ".join(f'"{c}"::text' for c in cols)
    # identifiers come from the schema (TABLES), never from input; there are no values in this query
    result = conn.execute(sa.text(f'SELECT {db.LINE}, {select} FROM "{name}" ORDER BY {db.LINE}'))  # nosec B608
    return [(rec[0], {c: ("" if v is None else v) for c, v in zip(cols, rec[1:])}) for rec in result]


def header(conn: sa.Connection, name: str) -> list[str]:
    found = conn.execute(sa.text("SELECT columns FROM csv_headers WHERE table_name = :t"), {"t": name}).scalar()
    return list(found) if found else TABLES[name].column_names


def csv_text(rows: Rows, columns: list[str]) -> str:
    """Rows as CSV text in UTF-8 form (what export writes and what history keeps)."""
    out = io.StringIO()
    writer = csv.writer(out)  # \r\n, as Excel and the curated files have it
    writer.writerow(columns)
    writer.writerows([row.get(c, "") for c in columns] for _, row in rows)
    return out.getvalue()


def table_csv(conn: sa.Connection, name: str) -> str:
    return csv_text(read_rows(conn, name), header(conn, name))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def texts(conn: sa.Connection) -> dict[str, str]:
    return dict(conn.execute(sa.text("SELECT name, text FROM source_texts ORDER BY name")).all())


def write_texts(conn: sa.Connection, found: dict[str, str]) -> None:
    conn.execute(sa.text("DELETE FROM source_texts"))
    if found:
        conn.execute(sa.text("INSERT INTO source_texts (name, text) VALUES (:n, :t)"),
                     [{"n": n, "t": t} for n, t in found.items()])


def write_boundaries(conn: sa.Connection, docs: dict[str, dict]) -> None:
    """Boundary FeatureCollections by layer; polygons become multipolygons (the column's type)."""
    conn.execute(sa.text("DELETE FROM boundaries"))
    params = [{"layer": layer, "ord": i, "code": str(f["properties"].get("adcode") or f["properties"].get("iso3")),
               "props": json.dumps(f["properties"], ensure_ascii=False), "geom": json.dumps(f["geometry"])}
              for layer, doc in docs.items() for i, f in enumerate(doc["features"])]
    conn.execute(sa.text("INSERT INTO boundaries (layer, ord, code, props, geom) VALUES (:layer, :ord, :code, "
                         "CAST(:props AS json), ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(:geom), 4326)))"), params)


def boundary_docs(conn: sa.Connection) -> dict[str, dict]:
    """The boundaries as GeoJSON FeatureCollections by layer, in their original order."""
    docs: dict[str, dict] = {name: {"type": "FeatureCollection", "features": []} for name in BOUNDARY_FILES}
    result = conn.execute(sa.text("SELECT layer, props, ST_AsGeoJSON(geom, 9) FROM boundaries ORDER BY layer, ord"))
    for layer, props, geom in result:
        docs[layer]["features"].append({"type": "Feature", "properties": props, "geometry": json.loads(geom)})
    return docs


def version(conn: sa.Connection) -> int:
    return int(conn.execute(sa.text("SELECT version FROM data_version WHERE id = 1")).scalar_one())


def bump_version(conn: sa.Connection) -> int:
    """Mark the data changed: every app server sees the new number on its next rerun and reloads."""
    return int(conn.execute(sa.text("UPDATE data_version SET version = version + 1, changed_at = now() "
                                    "WHERE id = 1 RETURNING version")).scalar_one())
