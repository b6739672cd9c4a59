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

from geo.charts import records as record_charts
from geo.data import load as data
from geo.exports import press as export


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


@pytest.fixture(scope="module")
def figure(ds):
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
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
    assert "各市、区县缴获毒品" in text and "来源" in text and "2026-11-25" in text
    assert "单位:公斤" in text  # (NFKC) the subtitle (a 70% tspan in plotly's SVG) is drawn, not lost on the way to PDF
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" not in fonts and "CID" in fonts and "NotoSansCJK" in fonts  # print shops take CID fonts


def test_csv_opens_in_excel_encoding(ds):
    raw = export.csv_bytes(ds["figures"])
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)
    assert back["quote"].tolist() == ds["figures"]["quote"].tolist()


def test_xlsx_has_sources_sheet(ds):
    book = pd.read_excel(io.BytesIO(export.xlsx_bytes({"figures": ds["figures"]}, ds["sources"], "en")),
                         sheet_name=None)
    assert set(book) == {"figures", "Sources"} and len(book["Sources"]) == len(ds["sources"])
    assert list(book["Sources"].columns) == ["Name", "Publisher", "Date"]


def test_file_names_say_what_they_are():
    assert export.file_name("永州市", "缴获毒品", "2018-2021", "png") == "永州市_缴获毒品_2018-2021.png"
    assert export.file_name("a/b", "c:d", "", "csv") == "ab_cd.csv"


def test_press_template_has_title_place_unit_period_source_and_date(ds):
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    press = export.press_figure(fig, "zh", date(2026, 11, 25), period="2018-2021", place="永州市")
    title = press.layout.title.text
    assert title.startswith("永州市 · 各市、区县缴获毒品") and "单位：公斤" in title and "时期：2018-2021" in title
    source = next(a.text for a in press.layout.annotations if a.name == "source")
    assert source.startswith("来源：") and "(2017-07-11)" in source and "导出日期：2026-11-25" in source
    assert not press.layout.images  # no logo unless EXPORT_LOGO is set


def test_press_template_english_period(ds):
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "en")
    press = export.press_figure(fig, "en", date(2026, 11, 25), period="2019")
    assert "Period: 2019" in press.layout.title.text
    assert "Exported 2026-11-25" in next(a.text for a in press.layout.annotations if a.name == "source")


def test_logo_is_embedded_as_data_uri(ds, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (200, 0, 0)).save(logo)
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    press = export.press_figure(fig, "zh", logo=logo)
    assert press.layout.images[0].source.startswith("data:image/png;base64,")  # never a URL to fetch
    assert not export.press_figure(fig, "zh", logo=tmp_path / "missing.png").layout.images


@pytest.mark.slow
def test_logo_appears_top_right_of_the_png(ds, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (200, 0, 0)).save(logo)
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    img = Image.open(io.BytesIO(export.chart_bytes(export.press_figure(fig, "zh", logo=logo), "png"))).convert("RGB")
    corner = img.crop((img.width * 3 // 4, 0, img.width, img.height // 8))
    assert (200, 0, 0) in {c for _, c in corner.getcolors(1 << 20)}


def test_period_span_uses_dates_then_document_dates(ds):
    yongzhou = ds["seizures"][ds["seizures"]["adcode"].str.startswith("4311")]
    assert export.period_span(yongzhou, ds["sources"]) == "2018-2021"
    undated = ds["seizures"][ds["seizures"]["period_start"].isna() & ds["seizures"]["period_end"].isna()].head(1)
    doc = ds["sources"].set_index("source_file").at[undated["source_file"].iloc[0], "doc_date"]
    assert export.period_span(undated, ds["sources"]) == doc[:4]
    assert export.period_span(undated) == ""


def test_file_name_carries_the_internal_mark():
    name = export.file_name("永州市", "缴获毒品", "2018-2021", "png", "内部资料")
    assert name == "永州市_缴获毒品_2018-2021_内部资料.png"


@pytest.mark.slow
def test_batch_returns_each_render_in_job_order(figure):
    out = export.charts_bytes([(figure, "svg"), (figure, "png"), (figure, "pdf"), (figure, "png")])
    assert out[0].lstrip().startswith(b"<svg") and out[1].startswith(b"\x89PNG") and out[2].startswith(b"%PDF")
    assert Image.open(io.BytesIO(out[3])).size == (3840, 2160)


def test_unknown_format_is_refused(figure):
    with pytest.raises(ValueError, match="expected png, svg or pdf"):
        export.charts_bytes([(figure, "gif")])


def test_warm_up_is_off_in_tests():
    export.stop_renderer()
    export.warm_up()  # DASHBOARD_EXPORT_PREWARM=0 (tests/conftest.py)
    assert not export._server_started


@pytest.mark.slow
def test_warm_up_starts_the_renderer_in_the_background(monkeypatch):
    import time

    export.stop_renderer()
    monkeypatch.setattr(export.settings, "EXPORT_PREWARM", True)
    export.warm_up()
    deadline = time.monotonic() + 120
    while not export._server_started and time.monotonic() < deadline:
        time.sleep(0.05)  # polling the background thread, not a fixed wait
    assert export._server_started
    with export._render_lock:  # the warm-up render has finished once the lock is free
        pass
    export.stop_renderer()


def test_place_label_names_the_whole_filter(ds):
    j = ds["jurisdictions"]
    assert export.place_label(j, (), "zh") == "全部"
    assert export.place_label(j, ("430400",), "zh", ("methamphetamine",), (2017, 2017)) == "衡阳市（冰毒，2017年）"
    assert export.place_label(j, ("431100",), "en", (), (2018, 2021)) == "Yongzhou (2018-2021)"
    assert export.file_name(export.place_label(j, ("430400",), "zh", ("heroin", "magu")), "缴获毒品", "", "png") \
        == "衡阳市（海洛因、麻古）_缴获毒品.png"
