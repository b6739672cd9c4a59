"""Text in the deck: every run in the CJK font (Latin, East-Asian and complex-script slots), editable text boxes,
and the theme fonts, so Chinese shows without tofu in PowerPoint, WPS and LibreOffice."""
from __future__ import annotations

import re

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

FONT = "Noto Sans CJK SC"  # every run, the theme and chart text: Latin and East-Asian slots alike
INK = "333333"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
LEFT = Inches(0.4)


def fit_size(text: str, width: int, sizes: tuple[int, ...] = (28, 24, 20)) -> int:
    """The largest type size (points) at which the text fits on one line of `width` EMU: a Chinese character is
    about one em wide, a Latin letter about half; the smallest size when none fits (the box then wraps)."""
    ems = sum(1.0 if ord(ch) > 0x2E7F else 0.56 for ch in text)
    for size in sizes:
        if ems * size <= 0.95 * width / 12700:
            return size
    return sizes[-1]


def cjk_typeface(rpr) -> None:
    """Latin, East-Asian and complex-script typefaces of a run (or default run) properties element set to the CJK
    font: python-pptx's font.name sets only the Latin slot, and WPS then styles only the digits."""
    for tag in ("a:latin", "a:ea", "a:cs"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
    # schema order: line/fill/effects/highlight/underline come before the typefaces, hyperlinks after
    after = [rpr.find(qn(tag)) for tag in ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")]
    anchor = next((el for el in after if el is not None), None)
    for tag in ("a:latin", "a:ea", "a:cs"):
        face = etree.SubElement(rpr, qn(tag))
        face.set("typeface", FONT)
        if anchor is not None:
            anchor.addprevious(face)


def text_box(slide, box: tuple, lines: list[tuple[str, int, bool, str]], name: str = "",
             align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, spaced: bool = False):
    """An editable text box in `box` (x, y, cx, cy in EMU): one paragraph per (text, points, bold, colour);
    `spaced` leaves a little air after each paragraph (the cover, the sources list)."""
    shape = slide.shapes.add_textbox(*(Emu(int(v)) for v in box))
    if name:
        shape.name = name
    frame = shape.text_frame
    frame.word_wrap, frame.vertical_anchor = True, anchor
    for i, (text, size, bold, colour) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        if spaced:
            para.space_after = Pt(size // 2)
        run = para.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = RGBColor.from_string(colour)
        cjk_typeface(run._r.get_or_add_rPr())
    return shape


def cjk_theme(prs) -> None:
    """The theme's heading and body fonts, Latin and East-Asian, set to the CJK font: text anyone adds to the deck
    later shows Chinese in PowerPoint, WPS and LibreOffice too."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    xml = re.sub(r'<a:(latin|ea) typeface="[^"]*"', rf'<a:\1 typeface="{FONT}"', xml, count=4)
    theme._blob = xml.encode("utf-8")
