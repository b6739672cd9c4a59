"""PDF text maps: radicals named by a shared glyph become the ideographs shown; title and language are set."""
import io
import subprocess

import pytest
from pypdf import PdfReader, PdfWriter

from geo.exports import pdf_text

CMAP = (b"/CIDInit /ProcSet findresource begin\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        b"2 beginbfchar\n<0003> <2F2D>\n<0004> <516C>\nendbfchar\n"
        b"1 beginbfrange\n<0010> <0012> <2F44>\nendbfrange\n1 beginbfrange\n<0020> <0021> [<2EA0> <0041>]\nendbfrange\n"
        b"endcmap")


def test_radicals_become_the_ideographs_they_stand_for():
    assert pdf_text.plain("平顶⼭ 公⽄") == "平顶山 公斤"  # U+2F2D → U+5C71, U+2F44 → U+65A4 (NFKC)
    assert pdf_text.plain("⺠警") == "民警"  # U+2EA0: no NFKC mapping; Noto Sans CJK draws it with 民's glyph
    assert pdf_text.plain("永州市 2018年") == "永州市 2018年"


def test_cmap_ranges_and_arrays_are_read_and_written_back():
    mapping = pdf_text.parse_cmap(CMAP)
    assert mapping == {"0003": "⼭", "0004": "公", "0010": "⽄", "0011": "⽅", "0012": "⽆", "0020": "⺠", "0021": "A"}
    fixed = {k: pdf_text.plain(v) for k, v in mapping.items()}
    again = pdf_text.parse_cmap(pdf_text.write_cmap(fixed, b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange"))
    assert again["0003"] == "山" and again["0010"] == "斤" and again["0020"] == "民" and again["0021"] == "A"


def test_metadata_title_and_language():
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    buf = io.BytesIO()
    writer.write(buf)
    fixed = PdfReader(io.BytesIO(pdf_text.fix_pdf(buf.getvalue(), "永州市 · 缴获毒品<br><sup>单位</sup>")))
    assert fixed.metadata["/Title"] == "永州市 · 缴获毒品 单位" and fixed.trailer["/Root"]["/Lang"] == "zh-CN"
    assert "Kaleido" not in fixed.metadata.get("/Producer", "")
    assert pdf_text.lang_of("Seizures by city") == "en"


@pytest.mark.slow
def test_chart_pdf_copies_as_the_characters_shown(tmp_path):
    from datetime import date

    from geo.charts import records as record_charts
    from geo.data import load as data
    from geo.exports import press as export

    ds = data.load_dataset()
    fig = record_charts.seizure_totals(ds["seizures"], ds["jurisdictions"], ds["sources"], "zh")
    try:
        raw = export.chart_bytes(export.press_figure(fig, "zh", date(2026, 11, 25)), "pdf")
    finally:
        export.stop_renderer()
    path = tmp_path / "chart.pdf"
    path.write_bytes(raw)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "平顶山" in text and "公斤" in text  # not normalised: the text as a reader copies it
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]
    meta = PdfReader(io.BytesIO(raw)).metadata
    assert meta["/Title"] == "各市、区县缴获毒品（按毒品种类）" and "Kaleido" not in meta.get("/Producer", "")
