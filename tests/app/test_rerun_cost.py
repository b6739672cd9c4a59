"""What a rerun asks the stores: the users once per run (not once per download button), yet fresh on every run."""
import pytest

from geo.auth import accounts
from tests.app.test_data_admin import sign_in, texts
from tests.app.test_pages import run


@pytest.fixture
def users(tmp_path, monkeypatch):
    """A users file with a staff member and an admin, and a count of the reads of the users store."""
    path = tmp_path / "users.toml"
    monkeypatch.setenv("DASHBOARD_USERS", str(path))
    accounts.add_user("sam", "staff", "staff-pass", path)
    accounts.add_user("ada", "admin", "admin-pass", path)  # sign-in stays on once sam is removed
    reads = []
    original = accounts.FileUserStore.users
    monkeypatch.setattr(accounts.FileUserStore, "users", lambda self: reads.append(1) or original(self))
    return path, reads


def test_the_overview_reads_the_users_once_per_run_and_sees_a_change_on_the_next(users):
    path, reads = users
    at = sign_in(run(), "sam", "staff-pass")  # the overview has four download buttons, each with an audit line
    reads.clear()
    at.run()
    assert not at.exception, at.exception
    assert "已登录" in texts(at.sidebar.caption)
    assert len(reads) == 1
    accounts.remove_user("sam", path)  # another server removes the user: this session's next run signs out
    at.run()
    assert "已登录" not in texts(at.sidebar.caption)
    assert at.text_input(key="sign_in_user") is not None
