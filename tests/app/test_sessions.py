"""Shared sessions under AppTest: a sign-in is recorded in the shared store (users file backend here), and an
admin changing a user's role ends that user's session at their next run, wherever it is served (sign-out is
covered in tests/e2e/test_security.py, the stores in tests/db/test_backend_contract.py)."""
import time

import pytest

from geo import backend
from geo.auth import accounts, audit, sessions
from geo.ui import auth as ui_auth
from tests.app.test_data_admin import open_page, sign_in, texts


@pytest.fixture
def env(tmp_path, monkeypatch):
    users = tmp_path / "users.toml"
    monkeypatch.setenv("DASHBOARD_USERS", str(users))
    monkeypatch.delenv("DASHBOARD_DATABASE_URL", raising=False)
    accounts.add_user("ada", "admin", "admin-pass", users)
    accounts.add_user("sam", "staff", "staff-pass", users)
    monkeypatch.setattr(audit, "default_log", lambda: audit.JsonlAuditLog(tmp_path / ".audit"))
    return users


def open_sessions(user: str) -> list[sessions.Session]:
    store = backend.session_store()
    found = store._read().values()  # the folder store's records (a test looks inside it)
    return [s for s in found if s.user == user and sessions.is_active(s, time.time())]


def test_an_admin_changing_a_role_ends_the_users_session_on_their_next_run(env):
    sam = sign_in(open_page(), "sam", "staff-pass")
    assert "已登录：sam" in texts(sam.sidebar.caption) and len(open_sessions("sam")) == 1
    ada = sign_in(open_page(), "ada", "admin-pass")
    ada.selectbox(key="users_edit_name").set_value("sam")
    ada.selectbox(key="users_edit_role").set_value("viewer")
    ada.button(key="FormSubmitter:users_edit-保存").click().run()
    assert not ada.exception and open_sessions("sam") == []
    sam.session_state[ui_auth.KEY_CHECKED] = 0  # the store is asked at most once a second: that second is over
    sam.run()  # sam's next interaction, wherever it is served
    assert "已登录" not in texts(sam.sidebar.caption) and "其他地方结束" in texts(sam.sidebar.info)
    ended = [e for e in audit.default_log().events() if e.action == "session_ended"]
    assert [(e.user, e.role, e.target, e.details) for e in ended] == [("ada", "admin", "sam", {"reason": "role_changed"})]

