"""The briefing pack: every file in the ZIP opened and checked, the PDF read back, for a filter and a language."""
import io
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from datetime import date

import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from geo.data import load as data
from geo.data.filters import Filter
from geo.exports import pack
from geo.exports import press as export

pytestmark = pytest.mark.slow
DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


@pytest.fixture(scope="module")
def yongzhou(ds):
    yield pack.briefing(ds, Filter(("431100",)), "zh", DAY)
    export.stop_renderer()


def pdf_text(raw: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(raw)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out)


def test_names_say_place_topic_date_and_mark(yongzhou):
    assert yongzhou.pdf_name == "永州市_禁毒工作简报_2026-11-25_内部资料.pdf"
    assert yongzhou.zip_name == "永州市_禁毒工作简报_2026-11-25_内部资料.zip"


def test_zip_holds_every_chart_in_every_format_and_every_map(ds, yongzhou):
    names = set(zipfile.ZipFile(io.BytesIO(yongzhou.zip)).namelist())
    charts = pack.pack_charts(ds, Filter(("431100",)), "zh", DAY)
    assert len(charts) >= 2
    assert {f"charts/{c.file_name(f)}" for c in charts for f in ("png", "svg", "pdf")} <= names
    assert "charts/永州市_各市缴获毒品（按毒品种类）_2018-2021.png" in names
    maps = {n for n in names if n.startswith("maps/")}
    assert "maps/永州市_缴获毒品_2018-2021_内部资料.pdf" in maps and len(maps) == 2 * (len(maps) // 2) >= 8
    assert names == set(yongzhou.files)


def test_every_png_is_3840x2160_and_every_svg_parses(yongzhou):
    for name, raw in yongzhou.files.items():
        if name.endswith(".png"):  # a chart with more rows than 1080 px hold grows taller rather than overlap
            width, height = Image.open(io.BytesIO(raw)).size
            assert width == 3840 and (height == 2160 or name.startswith("charts/") and height > 2160), name
        if name.endswith(".svg"):
            text = "".join(ET.fromstring(raw).itertext())
            assert "永州市 · " in text and "来源" in text, name


def test_every_pdf_has_its_title_and_source(yongzhou, tmp_path):
    for name, raw in yongzhou.files.items():
        if name.endswith(".pdf"):
            text = pdf_text(raw, tmp_path)
            assert "永州市" in text and "来源:" in text and "2026-11-25" in text, name
            if name.startswith("maps/"):
                assert "内部资料" in text and "内部资料" in PdfReader(io.BytesIO(raw)).metadata["/Keywords"]


def raw_text(raw: bytes, tmp_path) -> str:
    """pdftotext's text as it comes out, not normalised: what a reader copies or searches."""
    path = tmp_path / "raw.pdf"
    path.write_bytes(raw)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


RADICALS = [chr(c) for c in range(0x2E80, 0x2FE0)]


def test_pdf_text_is_the_characters_shown_with_title_and_language(yongzhou, tmp_path):
    for name, raw in [("pack", yongzhou.pdf)] + [(n, r) for n, r in yongzhou.files.items() if n.endswith(".pdf")]:
        text = raw_text(raw, tmp_path)
        assert not [ch for ch in RADICALS if ch in text], name  # 山 (U+5C71), never the radical ⼭ (U+2F2D)
        reader = PdfReader(io.BytesIO(raw))
        assert reader.metadata["/Title"] and "Kaleido" not in reader.metadata["/Title"], name
        assert reader.trailer["/Root"]["/Lang"] == "zh-CN", name
    assert "公斤" in raw_text(yongzhou.pdf, tmp_path) and "永州市" in raw_text(yongzhou.pdf, tmp_path)
    assert PdfReader(io.BytesIO(yongzhou.pdf)).metadata["/Title"] == "永州市 · 禁毒工作简报"


def test_table_pages_never_leave_a_row_or_two_alone():
    for count in range(1, 70):
        sizes = [stop - start for start, stop in pack.page_breaks(count)]
        assert sum(sizes) == count and max(sizes) <= pack.ROWS_PER_PAGE
        assert len(sizes) == 1 or min(sizes) >= pack.ROWS_PER_PAGE // 2


def test_key_figures_csv_reads_back_for_excel(ds, yongzhou):
    name = next(n for n in yongzhou.files if n.endswith(".csv"))
    raw = yongzhou.files[name]
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as Unicode, not as the GBK code page
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str).fillna("")
    assert "侦破毒品刑事案件" in set(frame["指标"])  # the overview's key figures (geo/tiles.py)
    typed = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert typed["数值（起）"].dtype == float  # numbers, the unit in the header
    raw.decode("utf-8-sig").encode("gb18030")  # every character also exists in Excel's Chinese encoding


def test_briefing_pdf_has_cover_figures_maps_and_charts(ds, yongzhou, tmp_path):
    reader = PdfReader(io.BytesIO(yongzhou.pdf))
    maps = [n for n in yongzhou.files if n.startswith("maps/") and n.endswith(".pdf")]
    charts = [n for n in yongzhou.files if n.startswith("charts/") and n.endswith(".pdf")]
    figures = len(pack.figure_rows(ds, Filter(("431100",)), "zh"))
    assert len(reader.pages) == 1 + -(-figures // pack.ROWS_PER_PAGE) + len(maps) + len(charts)
    assert {round(float(p.mediabox.width)) for p in reader.pages} == {1440}  # one page size throughout
    assert {round(float(p.mediabox.height)) for p in reader.pages} == {810}  # 16:9, a tall chart fitted in
    for name, raw in [("pack.pdf", yongzhou.pdf)] + [(n, yongzhou.files[n]) for n in charts + maps]:
        path = tmp_path / "fonts.pdf"
        path.write_bytes(raw)
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        assert "Type 3" not in fonts and "CID" in fonts, name
    text = pdf_text(yongzhou.pdf, tmp_path)
    for needle in ("禁毒工作简报", "永州市 · 主要数据", "侦破毒品刑事案件", "1,588起", "永州市 · 缴获毒品",
                   "各市、区县缴获毒品", "内部资料"):
        assert needle in text, needle


def test_english_pack_is_english(ds, tmp_path):
    p = pack.briefing(ds, Filter(("430400",)), "en", DAY)
    assert p.pdf_name == "Hengyang_Drug-control briefing_2026-11-25_internal.pdf"
    text = pdf_text(p.pdf, tmp_path)
    assert "Drug-control briefing" in text and "Key figures" in text and "Source:" in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in "".join(n for n in p.files))


def test_charts_follow_the_whole_filter(ds):
    flt = Filter(("430400",), drugs=("methamphetamine",), years=(2017, 2017))
    charts = pack.pack_charts(ds, flt, "zh", DAY)
    assert charts and all(c.file_name("png").startswith("衡阳市（冰毒，2017年）_") for c in charts)
    assert all("2017" in c.period for c in charts)
    assert all(c.figure.layout.title.text.startswith("衡阳市（冰毒） · ") for c in charts)  # no slider years
    assert pack.pack_name(ds, flt, "zh", "pdf", DAY) == "衡阳市（冰毒，2017年）_禁毒工作简报_2026-11-25_内部资料.pdf"
    everything = {c.key for c in pack.pack_charts(ds, Filter(), "zh", DAY)}
    assert {"chart_enforcement", "chart_outflow", "seizures_by_city", "demo_by_category"} <= everything


def test_export_period_is_the_records_own_never_the_slider(ds):
    flt = Filter(("431100",), years=(2019, 2020))  # Yongzhou's figures run 2018年以来 … 2021年前5个月
    charts = pack.pack_charts(ds, flt, "zh", DAY)
    assert charts
    for c in charts:
        assert c.period and c.period != "2019-2020", c.key
        assert f"时期：{c.period}" in c.figure.layout.title.text.replace("<br>", "") and "2019-2020" not in \
            c.figure.layout.title.text, c.key


def test_zip_has_every_figure_with_its_quote(ds, yongzhou):
    raw = yongzhou.files["永州市_全部数据（含原文）.csv"]
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str)
    figures = ds["figures"][ds["figures"]["adcode"].str.startswith("4311")]
    assert len(frame) == len(figures) and set(frame["原文"]) == set(figures["quote"])
    typed = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert typed["数值（起）"].dtype == float and 1588.0 in set(typed["数值（起）"])  # a number, its unit in the header



def test_briefing_pdf_has_a_timeline_page_for_the_compare_indicator(yongzhou, tmp_path):
    text = pdf_text(yongzhou.pdf, tmp_path)
    assert "时间线:破获毒品案件" in text and "191起 · 2018年至今" in text  # NFKC: the colon is plain
    assert any(n.startswith("charts/永州市_时间线") for n in yongzhou.files)
