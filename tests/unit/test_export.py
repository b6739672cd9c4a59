"""Exports opened and checked: PNG size, SVG parses, PDF text has the Chinese title and source, CSV/XLSX."""
import io
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date

import pandas as pd
import pytest
from PIL import Image

from geo import charts, data, export


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


@pytest.fixture(scope="module")
def figure(ds):
    fig = charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    yield export.press_figure(fig, "zh", date(2026, 11, 25))
    export.stop_renderer()


@pytest.mark.slow
def test_png_is_1920x1080_at_2x(figure):
    img = Image.open(io.BytesIO(export.chart_bytes(figure, "png")))
    assert img.size == (3840, 2160)


@pytest.mark.slow
def test_svg_parses_and_has_the_title(figure):
    root = ET.fromstring(export.chart_bytes(figure, "svg"))
    assert root.tag.endswith("svg")
    assert "缴获毒品" in "".join(root.itertext())


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is installed by scripts/setup.sh")
def test_pdf_text_has_chinese_title_source_and_date(figure, tmp_path):
    path = tmp_path / "chart.pdf"
    path.write_bytes(export.chart_bytes(figure, "pdf"))
    text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                                        text=True, check=True).stdout)
    assert "各市缴获毒品" in text and "来源" in text and "2026-11-25" in text


def test_csv_opens_in_excel_encoding(ds):
    raw = export.csv_bytes(ds["figures"])
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)
    assert back["quote"].tolist() == ds["figures"]["quote"].tolist()


def test_xlsx_has_sources_sheet(ds):
    book = pd.read_excel(io.BytesIO(export.xlsx_bytes({"figures": ds["figures"]}, ds["sources"])), sheet_name=None)
    assert set(book) == {"figures", "sources"} and len(book["sources"]) == len(ds["sources"])


def test_file_names_say_what_they_are():
    assert export.file_name("永州市", "缴获毒品", "2018-2021", "png") == "永州市_缴获毒品_2018-2021.png"
    assert export.file_name("a/b", "c:d", "", "csv") == "ab_cd.csv"
