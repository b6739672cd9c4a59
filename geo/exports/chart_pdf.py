"""Chart PDFs that print shops accept: the chart's SVG (from the warm Chromium) drawn to PDF by cairo, which embeds
Noto Sans CJK as a subset CID font (CFF). Chromium's own PDF writer turns that font into unnamed Type 3 glyphs,
which layout tools and print shops often reject.

cairosvg reads a percentage font size (plotly's subtitles: <tspan style="font-size:70%">) as no size at all, and
draws plotly's zero-width spaces as missing glyphs, so both are put right in the SVG first.
"""
from __future__ import annotations

import io
import re

import cairosvg
from pypdf import PageObject, PdfReader, PdfWriter, Transformation

ZERO_WIDTH = "\u200b"
TEXT = re.compile(r"(<text\b[^>]*>)(.*?)(</text>)", re.S)
SIZE = re.compile(r"font-size:\s*([\d.]+)px")
PERCENT = re.compile(r"font-size:\s*([\d.]+)%")
WIDE = 16 / 9


def absolute_sizes(svg: str) -> str:
    """Percentage font sizes inside a <text> made absolute from the text's own size; zero-width spaces dropped."""
    def fix(match: re.Match) -> str:
        head, body, tail = match.groups()
        size = SIZE.search(head)
        if size:
            base = float(size.group(1))
            body = PERCENT.sub(lambda m: f"font-size:{base * float(m.group(1)) / 100:.2f}px", body)
        return head + body + tail
    return TEXT.sub(fix, svg.replace(ZERO_WIDTH, ""))


def svg_to_pdf(svg: bytes) -> bytes:
    """One PDF page of the SVG's size (a 1920-pixel chart: 1440 pt wide), fonts embedded as CID fonts."""
    return cairosvg.svg2pdf(bytestring=absolute_sizes(svg.decode("utf-8")).encode("utf-8"))


def widescreen(reader: PdfReader) -> PageObject:
    """The first page of a chart PDF on a 16:9 page of the same width: a taller chart is scaled to fit and centred
    (the briefing pack is 16:9 throughout)."""
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    if abs(width / height - WIDE) < 1e-3:
        return page
    out_w = max(width, height * WIDE) if width / height > WIDE else width
    out_h = out_w / WIDE
    scale = min(out_w / width, out_h / height)
    blank = PageObject.create_blank_page(width=out_w, height=out_h)
    blank.merge_transformed_page(page, Transformation().scale(scale).translate(
        (out_w - width * scale) / 2, (out_h - height * scale) / 2))
    return blank


def widescreen_pdf(pdf: bytes) -> bytes:
    """A one-page PDF with its page made 16:9 (widescreen)."""
    writer = PdfWriter()
    writer.add_page(widescreen(PdfReader(io.BytesIO(pdf))))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
