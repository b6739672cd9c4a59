"""A shared link is often the first request a freshly started server gets: it must open that page."""
import pytest

from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e


@pytest.fixture
def fresh_url():
    with serve() as url:
        yield url


def test_first_request_opens_the_linked_page(page, fresh_url):
    page.goto(f"{fresh_url}/demo_sites?lang=en")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('Demonstration')", timeout=60_000)
    assert "Page not found" not in page.inner_text("body")
    assert page.url.split("?")[0].endswith("/demo_sites")
