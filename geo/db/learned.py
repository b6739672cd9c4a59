"""Learned intake vocabulary in the database (the learned_vocab table of migration 0005), and the choice of store:
the database when DASHBOARD_DATABASE_URL is set, else the data folder."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from geo import settings
from geo.db.engine import engine
from geo.intake.learned import Entry, FolderLearnedVocab, LearnedVocab, lessons

COLUMNS = "field, phrase, value, user_name, learned_at, example"
UPSERT = sa.text(f"INSERT INTO learned_vocab (ident, {COLUMNS}) VALUES (:i, :f, :p, :v, :u, :a, :e) "
                 "ON CONFLICT (ident) DO UPDATE SET value = excluded.value, user_name = excluded.user_name, "
                 "learned_at = excluded.learned_at, example = excluded.example")


class DbLearnedVocab:
    """Every call reads or writes the database, so every app server sees an entry as soon as it is taught."""

    def __init__(self, url: str):
        self.url = url

    def entries(self) -> list[Entry]:
        with engine(self.url).connect() as conn:
            found = conn.execute(sa.text(f"SELECT {COLUMNS} FROM learned_vocab ORDER BY field, phrase")).all()
        return [Entry(*row) for row in found]

    def add(self, entries: list[Entry]) -> None:
        with engine(self.url).begin() as conn:
            for e in entries:
                conn.execute(UPSERT, {"i": e.ident, "f": e.field, "p": e.phrase, "v": e.value, "u": e.user,
                                      "a": e.at, "e": e.example})

    def remove(self, ident: str) -> bool:
        with engine(self.url).begin() as conn:
            done = conn.execute(sa.text("DELETE FROM learned_vocab WHERE ident = :i"), {"i": ident})
        return done.rowcount > 0


def learned_store(data_dir: Path | None = None) -> LearnedVocab:
    """The configured store: the database when its URL is set, else <data dir>/.intake/learned_vocab.csv."""
    url = settings.database_url()
    return DbLearnedVocab(url) if url else FolderLearnedVocab(Path(data_dir or settings.data_dir()))


def teach(before: list[dict], after: list[dict], user: str, data_dir: Path | None = None) -> list[Entry]:
    """Keep what a reviewed batch teaches (proposals as proposed, and as staff left them, in the same order) in the
    configured store: for a review made outside the app, such as a spreadsheet of proposals read back."""
    taught = [e for old, new in zip(before, after) for e in lessons(old, new, user)]
    if taught:
        learned_store(data_dir).add(taught)
    return taught
