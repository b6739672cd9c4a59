"""Alembic environment: runs on the connection geo.db.migrate hands over (one transaction for all steps)."""
from __future__ import annotations

from alembic import context

from geo.db.tables import metadata

POSTGIS_OWN = {"spatial_ref_sys", "geography_columns", "geometry_columns", "raster_columns", "raster_overviews"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave PostGIS's own tables out of comparisons: they belong to the extension, not to the migrations."""
    return not (type_ == "table" and (name in POSTGIS_OWN or (reflected and compare_to is None)))


def run() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=metadata, include_object=include_object,
                      transactional_ddl=True, transaction_per_migration=False)
    with context.begin_transaction():
        context.run_migrations()


run()
