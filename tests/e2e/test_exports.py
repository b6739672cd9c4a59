"""Export downloads clicked in real Chromium: the briefing PDF and a static map arrive, named for what they are."""
import io
import subprocess
import unicodedata

import pytest
from PIL import Image

from tests.e2e.test_browser import open_page

pytestmark = pytest.mark.e2e


def download(page, label: str, tmp_path):
    with page.expect_download(timeout=180_000) as info:
        page.get_by_role("button", name=label).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_briefing_pdf_downloads_for_the_filter(page, app_url, tmp_path):
    open_page(page, app_url, "overview", "?city=431100")
    path = download(page, "下载简报 PDF", tmp_path)
    assert path.name.startswith("永州市_禁毒工作简报_") and path.name.endswith("_内部资料.pdf")
    text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                                        text=True, check=True).stdout)
    assert "永州市 · 主要数据" in text and "永州市 · 缴获毒品" in text and "侦破毒品刑事案件" in text
    assert page.requests.external == []


def test_map_png_downloads_in_english(page, app_url, tmp_path):
    open_page(page, app_url, "seizures", "?lang=en")
    path = download(page, "Download map PNG", tmp_path)
    assert path.name.startswith("All_Seizures_") and path.name.endswith("_internal.png")
    assert Image.open(io.BytesIO(path.read_bytes())).size == (3840, 2160)


def test_powerpoint_deck_downloads_for_the_filter_and_language(page, app_url, tmp_path):
    """The slides page's button gives the command line's deck: same slides, same chart values."""
    from datetime import datetime

    from pptx import Presentation

    from geo.data.filters import Filter
    from geo.data.load import load_dataset
    from geo.exports import deck

    open_page(page, app_url, "briefing", "?city=431100&lang=en")
    path = download(page, "Download PowerPoint", tmp_path)
    assert path.name.startswith("Yongzhou_Drug-control briefing_") and path.name.endswith(".pptx")
    got = Presentation(str(path))
    want = Presentation(io.BytesIO(deck.build(load_dataset(), Filter(("431100",)), "en", datetime.now()).data))

    def charts(prs):
        return [list(s.chart.plots[0].series[0].values) for slide in prs.slides for s in slide.shapes if s.has_chart]

    assert len(got.slides) == len(want.slides) and charts(got) == charts(want) and charts(got)
    assert page.requests.external == []
