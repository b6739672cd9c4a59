"""The PowerPoint deck, opened by real clients: python-pptx reads it back (chart data against the curated records,
headlines against the slideshow's, fonts, notes), LibreOffice Impress converts it to PDF (pdftotext, pdffonts)."""
import io
import re
import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Inches

from geo import settings
from geo.charts import slides as briefing
from geo.data import load as data
from geo.data.filters import Filter, public_dataset
from geo.exports import __main__ as cli
from geo.exports import deck
from tests.conftest import read_csv, write_csv

pytestmark = pytest.mark.slow
MADE = datetime(2026, 12, 3, 9, 30)
FONT = "Noto Sans CJK SC"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def ds():
    return data.load_dataset()


@pytest.fixture(scope="module")
def zh(ds):
    return deck.build(ds, Filter(), "zh", MADE)


@pytest.fixture(scope="module")
def en(ds):
    return deck.build(ds, Filter(("431100",)), "en", MADE)


def read(made: deck.Deck) -> Presentation:
    return Presentation(io.BytesIO(made.data))


def texts(slide) -> dict[str, str]:
    return {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}


def chart_of(slide):
    return next(s.chart for s in slide.shapes if s.has_chart)


def test_deck_is_16_9_with_title_slideshow_order_and_sources(zh):
    prs = read(zh)
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == 1 + len(settings.BRIEFING_SLIDES) + 1 + 1 == zh.slides  # + timeline, sources
    cover = "\n".join(texts(prs.slides[0]).values())
    assert "禁毒工作简报" in cover and "当前范围：全部" in cover and "生成于 2026-12-03 09:30" in cover
    assert "数据版本" in cover and not zh.internal and "内部资料" not in zh.name
    assert texts(prs.slides[-1])["headline"] == "资料来源"
    assert "健全毒品治理体系" in texts(prs.slides[-1])["source"]


def test_the_timeline_slide_shows_the_compare_indicator_with_every_figure_in_its_notes(ds, zh):
    slide = list(read(zh).slides)[-2]
    assert texts(slide)["headline"] == "时间线：破获毒品案件"
    assert any(s.shape_type == 13 for s in slide.shapes)  # the chart as a picture (spans have no native chart)
    notes = slide.notes_slide.notes_text_frame.text
    cases = ds["figures"][(ds["figures"]["indicator"] == "drug_cases") & (ds["figures"]["visibility"] != "internal")]
    assert len(cases) and all(str(q) in notes for q in cases["quote"])  # every figure's quote, for the aide


def test_headlines_are_the_slideshows_messages(ds, zh):
    prs = read(zh)
    for slide, shown in zip(briefing.slides(), list(prs.slides)[1:-1]):
        message = briefing.message(ds, slide, Filter(), "zh")
        assert texts(shown)["headline"] == message.text("zh")
        assert message.period in texts(shown)["source"]


def test_seizure_chart_holds_the_curated_totals_one_bar_each(zh):
    """Kilogram totals of the curated seizures.csv, largest first, each labelled with its period as written."""
    slide = read(zh).slides[1 + settings.BRIEFING_SLIDES.index("seizures")]
    chart = chart_of(slide)
    assert chart.chart_type is not None and not chart.has_legend
    _, rows = read_csv(data.DirectorySource().data_dir / "seizures.csv")
    totals = sorted((float(r["quantity"]) for r in rows if not r["case_id"] and r["unit"] == "kg"), reverse=True)
    values = list(chart.plots[0].series[0].values)
    assert values == totals[:settings.BRIEFING_CHART_MAX_BARS]
    assert "平顶山市 · 毒品（未分类）\n2011-10-01起" in list(chart.plots[0].categories)


def test_compare_chart_keeps_city_order_blanks_and_qualifiers(ds, zh):
    """One bar per figure of the indicator, never summed; 50+ keeps its plus; colours are the cities'."""
    chart = chart_of(read(zh).slides[1 + settings.BRIEFING_SLIDES.index("compare")])
    figures = ds["figures"]
    rows = figures[figures["indicator"] == settings.COMPARE_SLIDE_INDICATOR]
    values = [v for v in chart.plots[0].series[0].values]
    assert sorted(v for v in values if v is not None) == sorted(rows["value"].dropna().astype(float))
    assert values.count(None) == rows["value"].isna().sum()  # a missing value stays blank, never 0
    xml = chart._chartSpace.xml
    assert 'formatCode="#,##0&quot;+起&quot;"' in xml  # 50+起, the app's format
    assert settings.CITY_COLORS["431100"].lstrip("#").upper() in xml.upper()


def test_every_run_and_the_theme_carry_the_cjk_font_in_latin_and_east_asian_slots(zh):
    prs = read(zh)
    for slide in prs.slides:
        for part in [slide.part, slide.notes_slide.part] + [s.chart.part for s in slide.shapes if s.has_chart]:
            root = part._element if hasattr(part, "_element") else None
            for rpr in root.iter(f"{A}rPr", f"{A}defRPr") if root is not None else []:
                if rpr.getparent().tag == f"{A}pPr" or rpr.tag == f"{A}rPr":
                    assert rpr.find(f"{A}ea") is not None and rpr.find(f"{A}ea").get("typeface") == FONT
    theme = next(p for p in prs.part.package.iter_parts() if p.partname.endswith("theme1.xml")).blob.decode()
    assert f'<a:ea typeface="{FONT}"' in theme and f'<a:latin typeface="{FONT}"' in theme


def test_every_slide_has_notes_with_the_filter_and_content_slides_name_documents(ds, en):
    prs = read(en)
    sourced = 0
    for i, slide in enumerate(prs.slides):
        notes = slide.notes_slide.notes_text_frame.text
        assert "Selection: Yongzhou" in notes
        if 0 < i < len(prs.slides) - 1 and "No data" not in notes:  # a slide with nothing for the filter says so
            assert "Source:" in notes and "Quote: “" in notes and "Period:" in notes
            sourced += 1
    assert sourced >= 6
    overview = prs.slides[1].notes_slide.notes_text_frame.text
    # the document's full title and date, as sources.csv gives them
    src = ds["sources"].set_index("source_file").loc["001_e1edde249d5ac0e5.txt"]
    assert f"{src['title_en']} ({src['doc_date']})" in overview


def test_an_empty_filter_gives_a_no_data_slide(ds):
    empty = deck.build(ds, Filter(("110100",)), "en", MADE)  # Beijing: no record in the curated data
    prs = read(empty)
    assert len(prs.slides) == 3 and "No data" in texts(prs.slides[1])["no data"]


def test_internal_records_only_with_the_flag_and_marked_everywhere(data_copy, tmp_path):
    """The command line gives public records unless --internal; a deck with internal records says 内部资料 in its
    file name, cover and metadata (a figure marked internal here is a test edit of a copy of the data)."""
    header, rows = read_csv(data_copy / "figures.csv")
    rows[0]["visibility"] = "internal"
    write_csv(data_copy / "figures.csv", header + ["visibility"], rows)
    beijing = ["--city", "110100"]  # no records there: a quick deck, marked or not by what the dataset holds
    public = cli.briefing(cli._parser().parse_args(["briefing", "--out", str(tmp_path), "--data", str(data_copy),
                                                    *beijing]))
    assert "内部资料" not in public.name and not deck.holds_internal(public_dataset(data.load_dataset(data_copy)))
    inside = cli.briefing(cli._parser().parse_args(["briefing", "--out", str(tmp_path / "in.pptx"),
                                                    "--data", str(data_copy), "--internal", *beijing]))
    prs = Presentation(str(inside))
    assert "含内部记录" in "\n".join(texts(prs.slides[0]).values()) and inside.name.endswith("_内部资料.pptx")
    assert "含内部记录" not in "\n".join(texts(Presentation(str(public)).slides[0]).values())
    assert "内部资料" in prs.core_properties.keywords and "内部资料" in prs.core_properties.title
    assert deck.deck_name(data.load_dataset(data_copy), Filter(), "zh", True, MADE).endswith("_内部资料.pptx")
    with pytest.raises(SystemExit, match="unknown city"):
        cli.briefing(cli._parser().parse_args(["briefing", "--out", str(tmp_path), "--city", "999999"]))


def _soffice_pdf(pptx: bytes, tmp_path: Path) -> Path:
    """LibreOffice Impress converts the deck, with a private profile (no state shared with other runs)."""
    src = tmp_path / "deck.pptx"
    src.write_bytes(pptx)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)], check=True, timeout=240,
                   capture_output=True)
    return tmp_path / "deck.pdf"


def test_libreoffice_shows_the_headlines_and_city_names_in_embedded_cjk_fonts(ds, zh, tmp_path):
    pdf = _soffice_pdf(zh.data, tmp_path)
    text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                                        text=True, check=True).stdout)
    flat = "".join(text.split())
    for slide in briefing.slides():
        message = briefing.message(ds, slide, Filter(), "zh")
        assert "".join(unicodedata.normalize("NFKC", message.text("zh")).split()) in flat, message.text("zh")
    for city in ("衡阳市", "永州市", "平顶山市", "咸宁市"):
        assert city in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansCJK" in fonts and "Type 3" not in fonts
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"Pages:\s+{zh.slides}\n", info)  # every slide, the timeline's picture too
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width / height - 16 / 9) < 1e-3 and abs(height - 540) < 0.1  # 13.333 x 7.5 in


def test_number_formats_match_the_app():
    from geo.exports.deck_charts import number_format

    assert number_format(800, "plus", None, "zh") == '#,##0"+"'
    assert number_format(30, "about", "case", "zh") == '"约"#,##0"起"'
    assert number_format(320.5, None, "kg", "en") == '#,##0.0" kg"'
    assert number_format(12800, None, None, "zh") is None  # 1.28万: the label is the app's text
    assert number_format(pd.NA, None, None, "en") is None
