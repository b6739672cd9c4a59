"""Alembic environment: runs on the connection geo.db.migrate hands over (one transaction for all steps)."""
from __future__ import annotations

from alembic import context

from geo.db.tables import include_object, metadata


def run() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=metadata, include_object=include_object,
                      transactional_ddl=True, transaction_per_migration=False)
    with context.begin_transaction():
        context.run_migrations()


run()
