"""Chromium against app servers on PostgreSQL: every page shows what the files show, and the data page saves,
shows history and restores, with a second server showing the save on its next rerun."""
from __future__ import annotations

import csv
import io
from contextlib import ExitStack

import pytest
import sqlalchemy as sa

from geo.db.engine import engine
from geo.db.store import DbStore
from tests.e2e.conftest import serve
from tests.e2e.test_browser import PAGES, open_page
from tests.e2e.test_data_admin import choose, csv_uploader, wait_idle

pytestmark = [pytest.mark.db, pytest.mark.e2e, pytest.mark.slow]
TILES = ".kf-tile"
DRAWN = '[data-testid="stMain"] iframe, [data-testid="stMain"] [data-testid="stDataFrame"]'
LABEL, RENAMED = "破获毒品案件", "破获毒品案件（库测试）"


@pytest.fixture(scope="module")
def servers(pg, data_db, tmp_path_factory):
    """Two app servers on one database (as behind a load balancer), and one on the data folder."""
    users = str(tmp_path_factory.mktemp("db-e2e") / "no-users.toml")
    common = {"DASHBOARD_USERS": users, "DASHBOARD_OPEN_ACCESS": "staff"}
    with ExitStack() as stack:
        on_db = {**common, "DASHBOARD_DATABASE_URL": data_db}
        yield {"a": stack.enter_context(serve(on_db)), "b": stack.enter_context(serve(on_db)),
               "files": stack.enter_context(serve(common)), "url": data_db}


def test_key_figures_are_those_from_files(page, servers):
    from_files = tiles(page, servers["files"])
    assert tiles(page, servers["a"]) == from_files and "340" in from_files  # hy-fig-001, cases solved


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_on_the_database(page, servers, path):
    open_page(page, servers["a"], path)
    page.locator(DRAWN).first.wait_for(state="attached", timeout=90_000)  # its map or table: past the data
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def figures_upload(text: str) -> bytes:
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["figure_id"] == "hy-fig-001":
            row["label_zh"] = RENAMED
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def tiles(page, base: str) -> str:
    open_page(page, base, "overview")
    page.locator(TILES).first.wait_for(timeout=60_000)
    return "\n".join(page.locator(TILES).all_inner_texts())


def test_save_history_restore_and_the_other_server_follows(page, servers):
    db = DbStore(servers["url"])
    original = db.read_current("figures")
    assert LABEL in tiles(page, servers["b"]) and RENAMED not in tiles(page, servers["b"])
    open_page(page, servers["a"], "data")
    choose(page, 0, "figures.csv")
    csv_uploader(page).set_input_files(
        files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": figures_upload(original)}])
    page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=60_000)
    wait_idle(page)
    assert page.locator('[data-testid="stMetricValue"]').all_inner_texts() == ["0", "1", "0"]
    assert db.read_current("figures") == original  # nothing written before confirming
    page.get_by_label("修改说明").first.fill("库测试")
    page.get_by_label("修改说明").first.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="确认保存").click()
    page.get_by_text("已保存 figures.csv").wait_for(timeout=60_000)
    assert RENAMED in db.read_current("figures")
    assert RENAMED in tiles(page, servers["b"])  # the other server shows the save on its next run
    with engine(servers["url"]).connect() as conn:
        logged = conn.execute(sa.text("SELECT action, note, changed FROM history WHERE table_name = 'figures' "
                                      "AND action <> 'import' ORDER BY id")).all()
    assert logged == [("update", "库测试", 1)]

    open_page(page, servers["a"], "data")
    page.get_by_role("tab", name="历史与恢复").click()
    wait_idle(page)
    choose(page, 1, "figures.csv")
    page.get_by_role("button", name="恢复此版本").click()
    page.get_by_text("已恢复 figures.csv").wait_for(timeout=60_000)
    assert db.read_current("figures") == original
    assert RENAMED not in tiles(page, servers["b"]) and LABEL in tiles(page, servers["b"])
    assert page.locator('[data-testid="stException"]').count() == 0
