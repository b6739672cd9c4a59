import csv
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# No background export Chromium in tests (and in the app servers they start): tests that export start it.
os.environ.setdefault("DASHBOARD_EXPORT_PREWARM", "0")
# Servers the tests start answer as soon as they listen (tests/e2e/test_warm.py checks the first-page warm-up).
os.environ.setdefault("DASHBOARD_WARM_FIRST_PAGE", "0")
DATA = ROOT / "data"


def copy_data(target: Path) -> Path:
    """A copy of data/ at target, without the notes and the last valid version a served data folder keeps."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("_extract", "notes", ".last_valid"))
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    # the data alone: not the audit log, history or learned vocabulary a local run of the app may have left
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(".last_valid", ".audit", ".history", ".intake"))
    return target


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)


# One Chromium for the whole session, shared by tests/e2e and tests/db: two sync Playwright instances cannot
# live in one thread, so these fixtures are defined here once rather than in each folder's conftest.
@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    from tests.e2e.conftest import Requests

    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    requests = Requests()
    context.route("**/*", requests.handle)
    pg = context.new_page()
    pg.requests = requests
    yield pg
    context.close()


FAILURES = Path(os.environ.get("E2E_FAILURES", "/tmp/e2e-failures"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails: a screenshot of every open page, and what its main area said, in the report
    (a CI log is often all there is to go on)."""
    report = yield
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if not (report.failed and call.when == "call" and browser):
        return report
    FAILURES.mkdir(parents=True, exist_ok=True)
    pages = [pg for context in browser.contexts for pg in context.pages]
    for n, pg in enumerate(pages):
        try:
            shot = FAILURES / f"{item.name}-{n}.png"
            pg.screenshot(path=str(shot), full_page=True, timeout=10_000)
            main = pg.locator('[data-testid="stMain"]').inner_text(timeout=5_000)
            report.sections.append((f"page {n}: {pg.url} ({shot})", main[:1500]))
        except Exception as err:  # a page that is gone or hung says so, and the real failure still shows
            report.sections.append((f"page {n}", f"not captured: {err}"))
    return report
