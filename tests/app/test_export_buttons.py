"""Export buttons on the pages: map downloads under every map, the briefing pack on the overview; files are built
only on click (deferred), never on a rerun."""
import pytest

from tests.app.test_pages import run

MAP_PAGES = [("pages/overview.py", "overview"), ("pages/checkpoints.py", "checkpoints"), ("pages/routes.py", "routes"),
             ("pages/seizures.py", "seizures"), ("pages/demo_sites.py", "demo")]


def buttons(at) -> dict[str, object]:
    return {b.proto.id.rsplit("-", 1)[-1]: b.proto for b in at.get("download_button")}


@pytest.mark.parametrize("page,name", MAP_PAGES)
def test_every_map_page_offers_png_and_pdf(page, name):
    at = run(page)
    found = buttons(at)
    for fmt in ("png", "pdf"):
        button = found[f"map_{name}_{fmt}"]
        assert button.deferred_file_id  # drawn when clicked, not on every rerun
    # said before the download, not found out afterwards: without an approval number maps are internal
    assert any("审图号" in c.value and "内部资料" in c.value for c in at.caption)


def test_with_an_approval_number_the_notice_names_it(monkeypatch):
    from geo import settings

    monkeypatch.setattr(settings, "MAP_APPROVAL_NO", "GS(2024)1234号")
    at = run("pages/routes.py")
    assert any("GS(2024)1234号" in c.value for c in at.caption)
    assert not any("内部资料" in c.value for c in at.caption)


def test_the_approval_number_setting_is_read_from_its_documented_variable():
    import os
    import subprocess
    import sys

    code = "from geo import settings; print(settings.MAP_APPROVAL_NO)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASHBOARD_MAP_")}
    out = subprocess.run([sys.executable, "-c", code], env={**env, "DASHBOARD_MAP_APPROVAL_NO": "GS(2025)88号"},
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["GS(2025)88号"]


def test_overview_offers_the_briefing_pack_in_the_current_language():
    found = buttons(run("pages/overview.py", lang="en", city=["431100"]))
    assert found["briefing_pdf"].label == "Download briefing PDF" and found["briefing_pdf"].deferred_file_id
    assert found["briefing_zip"].label.startswith("Download all charts and maps")


def test_slides_page_offers_the_deck_for_the_current_filter_and_language():
    found = buttons(run("pages/briefing.py", lang="en", city=["431100"]))
    button = found["deck_pptx"]
    assert button.label == "Download PowerPoint" and button.deferred_file_id  # built on click only


@pytest.mark.parametrize("page,key", [("pages/enforcement.py", "enforcement_table"), ("pages/seizures.py", "seizures"),
                                      ("pages/demo_sites.py", "demo_table"), ("pages/compare.py", "compare_table"),
                                      ("pages/routes.py", "outflow_table")])
def test_every_page_with_a_chart_offers_its_table(page, key):
    found = buttons(run(page))
    for kind in ("csv", "xlsx"):
        assert found[f"{key}_{kind}"].deferred_file_id, f"{page}: {key}_{kind}"
