"""A shared link is often the first request a freshly started server gets: it must open that page."""
import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT, free_port, wait_until_up

pytestmark = pytest.mark.e2e


@pytest.fixture
def fresh_url():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "scripts/serve.py", "--server.port", str(port), "--server.headless",
                             "true", "--browser.gatherUsageStats", "false"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://localhost:{port}"
    try:
        wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_first_request_opens_the_linked_page(page, fresh_url):
    page.goto(f"{fresh_url}/demo_sites?lang=en")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('Demonstration')", timeout=60_000)
    assert "Page not found" not in page.inner_text("body")
    assert page.url.split("?")[0].endswith("/demo_sites")
