"""The briefing command line reads the configured store: with a database set, the deck is made from the database's
records (a seizure changed there shows in the deck's chart data)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from pptx import Presentation

from geo import backend, settings
from geo.exports import __main__ as cli

pytestmark = pytest.mark.db


def chart_values(path) -> list[float]:
    deck = Presentation(str(path))
    return [v for slide in deck.slides for shape in slide.shapes if shape.has_chart
            for plot in shape.chart.plots for series in plot.series for v in series.values if v is not None]


def test_the_deck_comes_from_the_database_when_one_is_set(fresh_db, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", fresh_db)
    db, folder = backend.dataset(), backend.dataset(settings.data_dir())
    assert db["figures"].shape == folder["figures"].shape
    kg = db["seizures"][(db["seizures"]["unit"] == "kg") & (db["seizures"]["visibility"] != "internal")]
    row = kg.sort_values("quantity", ascending=False).iloc[0]  # the seizure slide's largest bar
    with sa.create_engine(fresh_db).begin() as conn:  # changed in the database only
        conn.execute(sa.text("UPDATE seizures SET quantity = 98765 WHERE seizure_id = :i"), {"i": row["seizure_id"]})
    assert cli.main(["briefing", "--format", "pptx", "--out", str(tmp_path / "brief.pptx")]) == 0
    values = chart_values(next(tmp_path.glob("brief*.pptx")))
    assert 98765 in values and float(row["quantity"]) not in values
