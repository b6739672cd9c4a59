"""The learned intake vocabulary kept in PostgreSQL (migration 0005): a correction taught through the database store
is used by the next report, read by a fresh store object as another app server would."""
from __future__ import annotations

import pytest

from geo import backend
from geo.db import learned as db_learned
from geo.db import migrate
from geo.intake.learned import FolderLearnedVocab
from tests.unit.intake.test_learned import check_next_report, teach

pytestmark = pytest.mark.db


def test_a_correction_teaches_the_next_report_on_the_database(empty_db):
    assert migrate.current(empty_db) == migrate.head()
    teach(db_learned.DbLearnedVocab(empty_db))
    store = db_learned.DbLearnedVocab(empty_db)
    check_next_report(store)
    ident = store.entries()[0].ident
    assert store.remove(ident) and not store.remove(ident) and len(store.entries()) == 2


def test_the_store_follows_the_database_setting(empty_db, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", empty_db)
    assert isinstance(backend.learned_store(), db_learned.DbLearnedVocab)
    monkeypatch.delenv("DASHBOARD_DATABASE_URL")
    assert isinstance(backend.learned_store(), FolderLearnedVocab)
