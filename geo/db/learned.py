"""Learned intake vocabulary in the database (the learned_vocab table); geo.backend picks it or the folder."""
from __future__ import annotations

import sqlalchemy as sa

from geo.db.engine import engine
from geo.intake.learned import Entry

# written out in full (no string assembly): Entry's fields in this order
SELECT = sa.text("SELECT field, phrase, value, user_name, learned_at, example FROM learned_vocab "
                 "ORDER BY field, phrase")
UPSERT = sa.text("INSERT INTO learned_vocab (ident, field, phrase, value, user_name, learned_at, example) "
                 "VALUES (:i, :f, :p, :v, :u, :a, :e) "
                 "ON CONFLICT (ident) DO UPDATE SET value = excluded.value, user_name = excluded.user_name, "
                 "learned_at = excluded.learned_at, example = excluded.example")


class DbLearnedVocab:
    """Every call reads or writes the database, so every app server sees an entry as soon as it is taught."""

    def __init__(self, url: str):
        self.url = url

    def entries(self) -> list[Entry]:
        with engine(self.url).connect() as conn:
            found = conn.execute(SELECT).all()
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
