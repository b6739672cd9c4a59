"""The app on PostgreSQL under AppTest: the same pages as from files, and a database that goes away and comes back."""
from __future__ import annotations

import pytest

from tests.app.test_pages import PAGES, all_text, run
from tests.e2e.conftest import free_port

pytestmark = pytest.mark.db
SHOWN = ["pages/overview.py", "pages/seizures.py", "pages/enforcement.py"]  # key figures, charts, tables


@pytest.fixture
def on_db(monkeypatch, tmp_path, fresh_db):
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", fresh_db)
    monkeypatch.setenv("DASHBOARD_USERS", str(tmp_path / "no-users.toml"))
    monkeypatch.setenv("DASHBOARD_OPEN_ACCESS", "staff")  # editing without users is opt-in
    return fresh_db


def banner(at) -> str:
    return "\n".join(w.value for w in at.main.warning if "数据库" in w.value)


def shown(at) -> str:
    tables = [str(df.value.to_dict()) for df in at.dataframe]
    return all_text(at) + "\n".join(tables) + "\n".join(str(m.value) for m in at.metric)


@pytest.mark.parametrize("page", SHOWN)
def test_pages_show_the_same_as_from_files(page, monkeypatch, tmp_path, data_db):
    monkeypatch.setenv("DASHBOARD_USERS", str(tmp_path / "no-users.toml"))
    from_files = shown(run(page))
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", data_db)
    from_db = shown(run(page))
    assert from_db == from_files and "衡阳" in from_db


def test_every_page_runs_on_the_database(on_db):
    for page in PAGES:
        at = run(page)
        assert at.title and not at.error, page


def test_database_goes_away_and_comes_back(on_db, pg):
    at = run("pages/overview.py")
    before = shown(at)
    assert not banner(at)
    pg.stop()
    try:
        at.run()
        assert not at.exception, at.exception
        assert "暂时无法连接" in banner(at) and "postgresql://postgres@127" in banner(at)
        assert shown(at) == before  # the last loaded data stays on screen
        data = run("pages/data.py")
        assert "未保存任何内容" in "\n".join(e.value for e in data.error)  # saving is refused, with a message
    finally:
        pg.start()
    at.run()
    assert not at.exception and not banner(at)  # banner cleared
    assert shown(at) == before  # nothing lost


def test_unreachable_database_at_start_names_it_without_password(monkeypatch, tmp_path):
    url = f"postgresql://alice:s3cret@127.0.0.1:{free_port()}/dashboard"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    monkeypatch.setenv("DASHBOARD_USERS", str(tmp_path / "no-users.toml"))
    at = run()
    message = "\n".join(e.value for e in at.error)
    assert r"postgresql://alice:\*\*\*@127" in message and "s3cret" not in message  # markdown-escaped
    assert "每 5 秒自动重试" in message


def test_intake_and_the_record_editor_work_on_the_database(on_db, data_copy, monkeypatch):
    """The data page's 新增报告 saves through the database (and writes nothing to the folder); 修改记录 opens."""
    from geo.db.store import DbStore
    from tests.app.test_intake import REPORT, propose

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    before = sorted(p.name for p in data_copy.rglob("*"))
    at = propose(REPORT)
    at.button(key="intake_check").click().run()
    at.button(key="intake_save").click().run()
    assert not at.exception, at.exception
    assert "已保存报告" in "\n".join(s.value for s in at.success)
    assert {e.table for e in DbStore(on_db).log() if e.action == "update"} == {"figures", "seizures", "sources"}
    assert sorted(p.name for p in data_copy.rglob("*")) == before
    at.selectbox(key="edit_table").set_value("figures").run()
    at.selectbox(key="edit_city").set_value("431000").run()  # the city the report added
    assert not at.exception and at.button(key="edit_save").disabled
