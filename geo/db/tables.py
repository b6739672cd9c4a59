"""The database schema, derived from the data contract (geo/data/schema.py): one table per curated file.

Constraints mirror the validator: types, required cells, allowed values, unique ids, references (deferred to the
end of the transaction, so a table can be replaced whole and cases ↔ routes may refer to each other). Points get
a generated geometry(Point, 4326) and boundaries are geometry(MultiPolygon, 4326), both with GiST indexes.
"""
from __future__ import annotations

import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.dialects.postgresql import JSON

from geo import settings
from geo.data.schema import TABLES, Column, Table

metadata = sa.MetaData()
NUMERIC_KINDS = ("number", "signed", "lon", "lat")  # NUMERIC keeps the digits as written (2.50 stays 2.50)
LINE = "line_no"  # the row's line in the file it came from: keeps file order and names lines in problems

source_texts = sa.Table(
    "source_texts", metadata,
    sa.Column("name", sa.Text, primary_key=True), sa.Column("text", sa.Text, nullable=False))
csv_headers = sa.Table(  # the header each table was last written with (optional columns may be absent)
    "csv_headers", metadata,
    sa.Column("table_name", sa.Text, primary_key=True), sa.Column("columns", sa.ARRAY(sa.Text), nullable=False))
boundaries = sa.Table(
    "boundaries", metadata,
    sa.Column("layer", sa.Text, primary_key=True), sa.Column("ord", sa.Integer, primary_key=True),
    sa.Column("code", sa.Text), sa.Column("props", JSON, nullable=False),
    sa.Column("geom", Geometry("MULTIPOLYGON", srid=4326, spatial_index=False), nullable=False),
    sa.Index("boundaries_geom_gist", "geom", postgresql_using="gist"), sa.Index("boundaries_code", "code"))
data_version = sa.Table(  # one row; every save bumps it, so every app server knows its cache is stale
    "data_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.CheckConstraint("id = 1", name="data_version_one_row"))
versions = sa.Table(  # every replaced version of a table, never deleted
    "versions", metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True), sa.Column("table_name", sa.Text, nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False), sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("csv", sa.Text, nullable=False), sa.Column("sha256", sa.Text, nullable=False),
    sa.Index("versions_table", "table_name", "id"))
history = sa.Table(  # one row per save, restore or import: who, when, note, rows added/changed/removed
    "history", metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False), sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("table_name", sa.Text, nullable=False), sa.Column("action", sa.Text, nullable=False),
    sa.Column("added", sa.Integer, nullable=False), sa.Column("changed", sa.Integer, nullable=False),
    sa.Column("removed", sa.Integer, nullable=False), sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("previous", sa.BigInteger, sa.ForeignKey("versions.id")),
    sa.Column("restored_from", sa.BigInteger, sa.ForeignKey("versions.id")),
    sa.Column("sha256", sa.Text, nullable=False),
    sa.CheckConstraint("action IN ('update', 'restore', 'import')", name="history_action"))


def _type(col: Column) -> sa.types.TypeEngine:
    if col.kind in NUMERIC_KINDS:
        return sa.Numeric()
    other: dict[str, sa.types.TypeEngine] = {"integer": sa.BigInteger(), "date": sa.Date()}
    return other.get(col.kind, sa.Text())


def _checks(table: Table, col: Column) -> list[sa.CheckConstraint]:
    """What the validator demands of a cell, as CHECK constraints (NULL is an empty cell)."""
    name, quoted = f"{table.name}_{col.name}", f'"{col.name}"'
    checks = []
    if col.kind in ("text", "adcode", "choice") and col.required:
        checks.append(f"{quoted} <> ''")
    if col.kind == "adcode":
        checks.append(f"{quoted} ~ '^[0-9]{{6}}$'")
    if col.kind == "choice":
        checks.append(f"{quoted} IN ({', '.join(repr(c) for c in col.choices)})")
    if col.kind in ("number", "integer"):
        checks.append(f"{quoted} >= 0")
    if col.kind in ("lon", "lat"):
        lo, hi = settings.COORD_BOUNDS[col.kind]
        checks.append(f"{quoted} BETWEEN {lo} AND {hi}")
    return [sa.CheckConstraint(sql, name=f"{name}_{i}") for i, sql in enumerate(checks)]


def _references(table: Table) -> list[sa.ForeignKeyConstraint]:
    refs = [sa.ForeignKeyConstraint([col], [f"{target}.{TABLES[target].key}"], deferrable=True,
                                    initially="DEFERRED", name=f"{table.name}_{col}_fkey", use_alter=True)
            for col, target in table.refs.items()]
    if table.provenance:  # the validator wants every source_file to be a document in sources/
        refs.append(sa.ForeignKeyConstraint(["source_file"], ["source_texts.name"], deferrable=True,
                                            initially="DEFERRED", name=f"{table.name}_source_file_fkey",
                                            use_alter=True))
    return refs


def _data_table(table: Table) -> sa.Table:
    cols = [sa.Column(c.name, _type(c), nullable=not c.required, primary_key=c.name == table.key)
            for c in table.columns]
    extra: list = [sa.Column(LINE, sa.Integer, nullable=False, unique=bool(table.key),
                            primary_key=not table.key)]
    for col in table.columns:
        extra += _checks(table, col)
    extra += _references(table)
    if {"period_start", "period_end"} <= set(table.column_names):
        extra.append(sa.CheckConstraint("period_end >= period_start", name=f"{table.name}_period"))
    if {"lon", "lat"} <= set(table.column_names):
        point = "ST_SetSRID(ST_MakePoint(lon::float8, lat::float8), 4326)"
        extra += [sa.Column("geom", Geometry("POINT", srid=4326, spatial_index=False),
                            sa.Computed(point, persisted=True)),
                  sa.Index(f"{table.name}_geom_gist", "geom", postgresql_using="gist")]
    if "adcode" in table.column_names and table.key != "adcode":
        extra.append(sa.Index(f"{table.name}_adcode", "adcode"))
    return sa.Table(table.name, metadata, *cols, *extra)


DATA = {name: _data_table(table) for name, table in TABLES.items()}


POSTGIS_OWN = {"spatial_ref_sys", "geography_columns", "geometry_columns", "raster_columns", "raster_overviews"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Comparing with the database: leave out PostGIS's own tables and anything the migrations did not make."""
    return not (type_ == "table" and (name in POSTGIS_OWN or (reflected and compare_to is None)))


# Users, failed sign-ins and the audit log (the UserStore and AuditLog of geo.auth, kept here when a database is set).
users = sa.Table(
    "users", metadata,
    sa.Column("name", sa.Text, primary_key=True), sa.Column("role", sa.Text, nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.CheckConstraint("role IN ('viewer', 'staff', 'admin')", name="users_role"),
    sa.CheckConstraint("name ~ '^[A-Za-z0-9_.-]{1,40}$'", name="users_name"))
sign_in_attempts = sa.Table(
    "sign_in_attempts", metadata,
    sa.Column("name", sa.Text, primary_key=True), sa.Column("failures", sa.ARRAY(sa.Float), nullable=False),
    sa.Column("locked_until", sa.Float, nullable=False))
audit_log = sa.Table(  # append-only: a trigger refuses UPDATE and DELETE (migration 0002)
    "audit_log", metadata,
    sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True), sa.Column("time", sa.Text, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False), sa.Column("role", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False), sa.Column("target", sa.Text, nullable=False),
    sa.Column("client", sa.Text, nullable=False), sa.Column("details", JSON, nullable=False),
    sa.Index("audit_log_time", "time"))
sessions = sa.Table(  # signed-in sessions shared by every replica (geo/auth/sessions.py); token hashes only
    "sessions", metadata,
    sa.Column("key", sa.Text, primary_key=True), sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("started", sa.Float, nullable=False), sa.Column("last_seen", sa.Float, nullable=False),
    sa.Column("ended", sa.Float, nullable=False, server_default="0"),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Index("sessions_user", "user_name"))
