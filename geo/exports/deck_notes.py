"""What the deck says about where its figures come from: speaker notes (each figure's document with full title
and date, period as written, quote, the filter), the closing sources slides, and the CJK theme fonts."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from pptx.util import Inches

from geo import settings
from geo.charts import slides as briefing
from geo.charts import tiles as tile_data
from geo.charts.common import period_text
from geo.data import filters
from geo.data.filters import Filter
from geo.data.load import Dataset
from geo.exports import deck_charts as charts
from geo.exports.deck_text import INK, LEFT, WIDTH, cjk_typeface, text_box
from geo.i18n import name_col, t

SOURCES_PER_SLIDE = 8


@dataclass(frozen=True)
class Item:
    """One figure on a slide, for its notes: what, the app's value text, period as written, document, quote."""

    what: str
    value: str
    period: str
    source_file: str
    quote: str


def _record_files(ds: Dataset) -> dict[str, str]:
    """The source file of every figure and seizure record, by record id."""
    out = dict(zip(ds["figures"]["figure_id"], ds["figures"]["source_file"]))
    out.update(zip(ds["seizures"]["seizure_id"], ds["seizures"]["source_file"]))
    return out


def _route_items(ds: Dataset, flt: Filter, lang: str) -> list[Item]:
    """The routes on the map, each with its case's period when it names one."""
    cases = ds["cases"].set_index("case_id")
    items = []
    for _, route in filters.view(ds, "routes", flt).iterrows():
        case = cases.loc[route["case_id"]] if route["case_id"] in cases.index else route
        items.append(Item(str(route[name_col(lang)]), "", period_text(case, lang), route["source_file"],
                          str(route["quote"])))
    return items


def slide_items(ds: Dataset, kind: str, flt: Filter, lang: str, spec: charts.ChartSpec | None) -> list[Item]:
    """Every figure the slide shows: its tiles, its chart's bars, or the routes on its map."""
    if kind in ("overview", "city"):
        files = _record_files(ds)
        per_city = 1 if kind == "overview" else settings.BRIEFING_TILES_PER_CITY
        return [Item(f"{k.place} · {k.label}", k.text, k.period or t("period_unstated", lang),
                     files.get(k.record_id, ""), k.quote) for k in tile_data.tiles(ds, flt, lang, per_city=per_city)]
    if kind == "routes":
        return _route_items(ds, flt, lang)
    return [Item(b.category.replace("\n", " · "), b.text, b.period, b.source_file, b.quote)
            for b in (spec.bars if spec else [])]


def document(ds: Dataset, source_file: str, lang: str) -> str:
    """'《full title》（2017-07-11）' / 'full title (2017-07-11)': the document as the notes name it."""
    src = ds["sources"].set_index("source_file")
    if source_file not in src.index:
        return source_file
    row = src.loc[source_file]
    title = row["title_zh"] if lang == "zh" or not isinstance(row["title_en"], str) else row["title_en"]
    date = row["doc_date"] if isinstance(row["doc_date"], str) else t("period_unstated", lang)
    return f"《{title}》（{date}）" if lang == "zh" else f"{title} ({date})"


def _sep(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def slide_notes(ds: Dataset, message: briefing.Message | None, items: list[Item], words: str, lang: str) -> str:
    """The notes an aide reads from: the filter, the headline's period, sources and quote, then every figure."""
    s = _sep(lang)
    lines = [f"{t('selection', lang)}{s}{words}"]
    if message:
        lines += [f"{t('deck_headline', lang)}{s}{message.text(lang)}", f"  {t('period', lang)}{s}{message.period}",
                  f"  {t('source', lang)}{s}{message.sources}", f"  {t('quote', lang)}{s}“{message.quote}”"]
    if items:
        lines.append(t("deck_figures", lang))
    for i, item in enumerate(items, start=1):
        lines += [f"{i}. {item.what}" + (f"{s}{item.value}" if item.value else ""),
                  f"  {t('period', lang)}{s}{item.period}",
                  f"  {t('source', lang)}{s}{document(ds, item.source_file, lang)}",
                  f"  {t('quote', lang)}{s}“{item.quote}”"]
    if not message and not items:
        lines.append(t("no_data", lang))
    return "\n".join(lines)


def write(slide, text: str) -> None:
    """The speaker notes, every run in the CJK font."""
    frame = slide.notes_slide.notes_text_frame
    frame.text = text
    for para in frame.paragraphs:
        for run in para.runs:
            cjk_typeface(run._r.get_or_add_rPr())


def _documents(ds: Dataset, used: set[str]) -> pd.DataFrame:
    src = ds["sources"]
    return src[src["source_file"].isin(used)]


def sources_slides(prs, ds: Dataset, used: set[str], lang: str, words: str) -> None:
    """The closing slides: every document behind the deck's figures with its title, publisher and date."""
    docs = _documents(ds, used)
    chunks = [docs.iloc[i:i + SOURCES_PER_SLIDE] for i in range(0, len(docs), SOURCES_PER_SLIDE)] or [docs]
    for chunk in chunks:
        out = prs.slides.add_slide(prs.slide_layouts[6])
        text_box(out, (LEFT, Inches(0.3), WIDTH - 2 * LEFT, Inches(0.8)), [(t("deck_sources", lang), 32, True,
                                                                            "000000")], "headline")
        lines = [(f"{document(ds, f, lang)}" + (f" · {p}" if isinstance(p, str) and p else ""), 16, False, INK)
                 for f, p in zip(chunk["source_file"], chunk["publisher"])] or [(t("no_data", lang), 16, False,
                                                                               INK)]
        text_box(out, (LEFT, Inches(1.3), WIDTH - 2 * LEFT, Inches(5.8)), lines, "source", spaced=True)
        write(out, f"{t('selection', lang)}{_sep(lang)}{words}\n" + "\n".join(
            document(ds, f, lang) for f in chunk["source_file"]))
