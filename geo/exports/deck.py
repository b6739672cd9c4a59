"""The briefing as an editable PowerPoint deck (16:9): a title slide, the slideshow's slides in its order, and a
closing slide of sources. Headlines, key-figure tiles and source lines are text boxes; charts are native bar
charts (geo/exports/deck_charts.py); maps are the printed maps as pictures at 2x. Speaker notes on every slide
give each figure's document (full title and date), period as written, quote, and the filter.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from pptx import Presentation
from pptx.presentation import Presentation as PresentationFile
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from geo import settings
from geo.charts import slides as briefing
from geo.charts import tiles as tile_data
from geo.charts import timeline
from geo.charts.common import period_text
from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.exports import deck_charts as charts
from geo.exports import deck_notes as notes
from geo.exports.deck_text import INK, LEFT, WIDTH, HEIGHT, cjk_theme, fit_size, text_box
from geo.exports import furniture as mf
from geo.exports import press as export
from geo.exports import static_maps
from geo.i18n import label, name_col, t

BODY_TOP, BODY_BOTTOM = Inches(2.05), Inches(7.25)
INTERNAL_RED = "B00000"
MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass
class Deck:
    data: bytes
    name: str
    internal: bool  # holds internal records (signed-in staff, or the command line's --internal)
    slides: int


def holds_internal(ds: Dataset) -> bool:
    """Whether the dataset holds any record marked internal (a visitor's public view never does)."""
    return any((~filters.public_mask(f)).any() for f in ds.tables.values() if "visibility" in f)


def deck_name(ds: Dataset, flt: Filter, lang: str, internal: bool, made: datetime | None = None) -> str:
    """'永州市_禁毒工作简报_2026-12-03_内部资料.pptx' (the mark only when the deck holds internal records)."""
    when = (made or datetime.now()).date().isoformat()
    place = export.place_label(ds["jurisdictions"], flt.counties or flt.cities, lang, flt.drugs, flt.years)
    return export.file_name(place, t("briefing_title", lang), when, "pptx", t("deck_internal", lang) if internal
                            else "")


def _heading(slide, topic: str, message: briefing.Message | None, lang: str) -> None:
    """Topic, the headline with its key number, then period and sources: as the app's slide heading."""
    width = WIDTH - 2 * LEFT
    text_box(slide, (LEFT, Inches(0.25), width, Inches(0.35)), [(topic, 14, True, "000000")], "topic")
    headline = message.text(lang) if message else topic
    text_box(slide, (LEFT, Inches(0.6), width, Inches(0.85)), [(headline, fit_size(headline, width), True, "000000")],
             "headline")
    if message:
        sep = "：" if lang == "zh" else ": "
        meta = f"{t('period', lang)}{sep}{message.period} · {t('source', lang)}{sep}{message.sources}"
        text_box(slide, (LEFT, Inches(1.45), width, Inches(0.45)), [(meta, 11, False, INK)], "source")


def _tile_lines(tile: tile_data.Tile, lang: str) -> list[tuple[str, int, bool, str]]:
    where = " · ".join(p for p in (tile.place, tile.period) if p)
    lines = [(tile.label, 13, False, INK), (tile.text, 26, True, "000000"), (where, 11, False, INK)]
    if tile.change:
        lines.append((tile.change, 11, False, INK))
    lines.append((f"{t('source', lang)}{'：' if lang == 'zh' else ': '}{tile.source}", 10, False, "555555"))
    return lines


def _tiles(slide, tile_list: list[tile_data.Tile], lang: str, width: int) -> None:
    """The key-figure tiles as bordered text boxes in a column (two when there are more than four)."""
    cols = 1 if len(tile_list) <= 4 else 2
    rows = -(-len(tile_list) // cols)
    gap = Inches(0.12)
    cw, ch = (width - (cols - 1) * gap) // cols, (BODY_BOTTOM - BODY_TOP - (rows - 1) * gap) // max(rows, 1)
    for i, tile in enumerate(tile_list):
        x, y = LEFT + (i // rows) * (cw + gap), BODY_TOP + (i % rows) * (ch + gap)
        box = text_box(slide, (x, y, cw, ch), _tile_lines(tile, lang), f"tile {i + 1}", anchor=MSO_ANCHOR.MIDDLE)
        box.line.color.rgb, box.line.width = RGBColor(0, 0, 0), Pt(1.5)


def _picture(slide, png: bytes, left: int, top: int, width: int, height: int) -> None:
    """A 16:9 map picture as large as fits in the box, centred in it."""
    w = min(width, height * 16 // 9)
    h = w * 9 // 16
    slide.shapes.add_picture(io.BytesIO(png), Emu(left + (width - w) // 2), Emu(top + (height - h) // 2), Emu(w),
                             Emu(h))


def _map(ds: Dataset, flt: Filter, lang: str, page: str, made: datetime) -> bytes:
    """The printed map of the page as PNG at 2x (3840x2160), as the map downloads draw it."""
    return static_maps.page_map(ds, flt, lang, page, exported=made.date()).to_bytes("png")


def _chart(slide, spec: charts.ChartSpec, box: tuple[int, int, int, int], lang: str) -> None:
    """Title and unit line as text boxes above the native chart; the count of bars left off in the subtitle."""
    x, y, w, h = box
    sub = spec.subtitle + (t("largest_bars_slide", lang, n=str(len(spec.bars)), cut=str(spec.cut)) if spec.cut
                           else "")
    text_box(slide, (x, y, w, Inches(0.4)), [(spec.title, 16, True, "000000")], "chart title")
    text_box(slide, (x, y + Inches(0.4), w, Inches(0.5)), [(sub, 11, False, INK)], "chart subtitle")
    charts.add_chart(slide, spec, (x, y + Inches(0.9), w, h - Inches(0.9)))


def _no_data(slide, lang: str, box: tuple[int, int, int, int]) -> None:
    shape = text_box(slide, box, [(t("no_data", lang), 28, True, "333333")], "no data", PP_ALIGN.CENTER,
                     MSO_ANCHOR.MIDDLE)
    shape.line.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _body(slide, ds: Dataset, kind: str, flt: Filter, lang: str, made: datetime, spec) -> None:
    """The slide's body as the app lays it out: tiles beside the map, a map beside its chart, or a chart alone."""
    full = (LEFT, BODY_TOP, WIDTH - 2 * LEFT, BODY_BOTTOM - BODY_TOP)
    half = (WIDTH - 2 * LEFT - Inches(0.3)) // 2
    if kind in ("overview", "city"):
        shown = tile_data.tiles(ds, flt, lang, per_city=1 if kind == "overview" else settings.BRIEFING_TILES_PER_CITY)
        width = Inches(3.6) if len(shown) <= 4 else Inches(5.0)
        _tiles(slide, shown, lang, width)
        right = LEFT + width + Inches(0.2)
        _picture(slide, _map(ds, flt, lang, "overview", made), right, BODY_TOP, WIDTH - LEFT - right, full[3])
    elif kind == "routes":
        _picture(slide, _map(ds, flt, lang, "routes", made), *full)
    elif kind == "compare":
        _chart(slide, spec, full, lang) if spec.bars else _no_data(slide, lang, full)
    else:
        _picture(slide, _map(ds, flt, lang, kind, made), LEFT, BODY_TOP, half, full[3])
        box = (LEFT + half + Inches(0.3), BODY_TOP, half, full[3])
        _chart(slide, spec, box, lang) if spec.bars else _no_data(slide, lang, box)


CHART_OF = {"seizures": charts.seizure_chart, "demo": charts.demo_chart, "compare": charts.compare_chart}


def content_slide(prs, ds: Dataset, slide: briefing.Slide, flt: Filter, lang: str, made: datetime,
                  words: str) -> set[str]:
    """One slide of the slideshow, with its notes; returns the source files of the figures it shows."""
    out = prs.slides.add_slide(prs.slide_layouts[6])
    names = dict(zip(ds["jurisdictions"]["adcode"], ds["jurisdictions"][name_col(lang)]))
    shown, message = slide.filter(flt), briefing.message(ds, slide, flt, lang)
    _heading(out, briefing.title(slide, names, lang), message, lang)
    spec = CHART_OF[slide.kind](ds, shown, lang) if slide.kind in CHART_OF else None
    if message is None and (spec is None or not spec.bars):
        _no_data(out, lang, (LEFT, BODY_TOP, WIDTH - 2 * LEFT, BODY_BOTTOM - BODY_TOP))
    else:
        _body(out, ds, slide.kind, shown, lang, made, spec)
    items = notes.slide_items(ds, slide.kind, shown, lang, spec)
    notes.write(out, notes.slide_notes(ds, message, items, words, lang))
    return {i.source_file for i in items}


def timeline_slide(prs, ds: Dataset, flt: Filter, lang: str, made: datetime, words: str) -> set[str]:
    """The comparison indicator over time, as the pack's timeline page: the chart as a picture (spans on a calendar
    have no native chart type), every figure with its period, document and quote in the notes."""
    indicator = settings.COMPARE_SLIDE_INDICATOR
    rows, _ = timeline.timeline_view(ds, flt, indicator)
    out = prs.slides.add_slide(prs.slide_layouts[6])
    _heading(out, t("timeline_title", lang, indicator=label("indicator", indicator, lang)), None, lang)
    box = (LEFT, BODY_TOP, WIDTH - 2 * LEFT, BODY_BOTTOM - BODY_TOP)
    if rows.empty:
        _no_data(out, lang, box)
    else:
        fig = export.press_figure(timeline.timeline_chart(ds, flt, indicator, lang), lang, made.date())
        _picture(out, export.chart_bytes(fig, "png", scale=1), *box)
    names = dict(zip(ds["jurisdictions"]["adcode"], ds["jurisdictions"][name_col(lang)]))
    items = [notes.Item(names.get(r["adcode"], r["adcode"]), timeline.value_text(r, lang),
                        period_text(r, lang) or t("period_unstated", lang), r["source_file"], str(r["quote"]))
             for _, r in rows.iterrows()]
    notes.write(out, notes.slide_notes(ds, None, items, words, lang))
    return {i.source_file for i in items}


def title_slide(prs, ds: Dataset, words: str, lang: str, made: datetime, internal: bool) -> None:
    out = prs.slides.add_slide(prs.slide_layouts[6])
    sep = "：" if lang == "zh" else ": "
    lines = [(t("briefing_title", lang), 44, True, "000000"), (f"{t('selection', lang)}{sep}{words}", 24, False, INK),
             (t("deck_made", lang, when=made.strftime("%Y-%m-%d %H:%M")), 18, False, INK),
             (t("deck_version", lang, version=ds.fingerprint[:12] or "—"), 18, False, INK)]
    text_box(out, (Inches(0.8), Inches(1.6), WIDTH - Inches(1.6), Inches(3.6)), lines, "title", spaced=True)
    stamp = [(t("deck_internal_line", lang), 20, True, INTERNAL_RED)] if internal else []
    # the maps' review number, or (unreviewed) the internal-only notice in red, on the cover as the pack has it
    stamp.append((mf.review_line(lang), 14, False, INK if settings.MAP_APPROVAL_NO else INTERNAL_RED))
    text_box(out, (Inches(0.8), Inches(5.4), WIDTH - Inches(1.6), Inches(1.2)), stamp, "marks")
    notes.write(out, f"{t('selection', lang)}{sep}{words}\n{t('deck_notes_title', lang)}")


def _new_presentation() -> PresentationFile:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    cjk_theme(prs)
    return prs


def _metadata(prs, words: str, lang: str, internal: bool, version: str) -> None:
    core = prs.core_properties
    mark = t("deck_internal", lang)
    core.title = f"{words} · {t('briefing_title', lang)}" + (f" · {mark}" if internal else "")
    core.subject = mf.review_line(lang)
    core.keywords = "; ".join(k for k in (mark if internal else "", t("briefing_title", lang)) if k)
    core.category = mark if internal else ""
    core.comments = t("deck_version", lang, version=version[:12] or "—")
    core.language = "zh-CN" if lang == "zh" else "en"


def is_empty(ds: Dataset, flt: Filter) -> bool:
    """True when the filter selects no record at all: the deck is then a 'no data' slide."""
    return all(filters.view(ds, table, flt).empty for table in ("figures", "seizures", "demo_sites", "routes"))


def build(ds: Dataset, flt: Filter, lang: str, made: datetime | None = None) -> Deck:
    """The deck for the filter and language from this dataset (the public view for visitors)."""
    made = made or datetime.now()
    internal = holds_internal(ds)
    words = export.place_label(ds["jurisdictions"], flt.counties or flt.cities, lang, flt.drugs, flt.years)
    prs = _new_presentation()
    title_slide(prs, ds, words, lang, made, internal)
    used: set[str] = set()
    if is_empty(ds, flt):
        out = prs.slides.add_slide(prs.slide_layouts[6])
        _heading(out, t("briefing_title", lang), None, lang)
        _no_data(out, lang, (LEFT, BODY_TOP, WIDTH - 2 * LEFT, BODY_BOTTOM - BODY_TOP))
        notes.write(out, f"{t('selection', lang)}{'：' if lang == 'zh' else ': '}{words}\n{t('no_data', lang)}")
    else:
        for slide in briefing.slides():
            used |= content_slide(prs, ds, slide, flt, lang, made, words)
        used |= timeline_slide(prs, ds, flt, lang, made, words)
    notes.sources_slides(prs, ds, used, lang, words)
    _metadata(prs, words, lang, internal, ds.fingerprint)
    buf = io.BytesIO()
    prs.save(buf)
    return Deck(buf.getvalue(), deck_name(ds, flt, lang, internal, made), internal, len(prs.slides))
