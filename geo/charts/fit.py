"""Charts that never collide: labels wrapped to a width, margins and height computed from the longest label.

Every chart here is horizontal (categories on the y axis). `fit` lays a chart out for one type size and width:
label lines are measured (a CJK character is one em, anything else about 0.62 em), long ones wrapped, the left
margin set from the longest line, each bar row made tall enough for its lines, the legend put in a band of its
own above the plot, and the source line in a band of its own below the axis. Plotly's own auto-margins are off,
so the bands stay where they were computed.
"""
from __future__ import annotations

import html
import math
import re
import unicodedata
from dataclasses import dataclass

import plotly.graph_objects as go

LINE = 1.3  # line height, in ems
BELOW = 0.35  # spare rows below the last category of each y axis
INK = "#222222"  # every chart text: 15.9:1 on white
TAG = re.compile(r"<[^>]+>")
CLOSING = set("，。；：、）》」』")  # never the first character of a line


def text_px(text: str, size: float) -> float:
    """Estimated width in pixels of one line of chart text (markup removed, entities read as characters)."""
    plain = html.unescape(TAG.sub("", str(text)))
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.62 * size for ch in plain)


def _wrap_plain(text: str, size: float, max_px: float) -> list[str]:
    """One line of plain text as lines no wider than max_px; Latin text breaks at spaces, CJK anywhere."""
    lines, line = [], ""
    for word in re.findall(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+", text):
        if line and text_px(line + word.rstrip(), size) > max_px and word not in CLOSING:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    return [x for x in lines + [line.rstrip()] if x] or [""]


FIT_META = "fit_built"  # layout.meta key: the texts as built, before fit() wrapped them


def wrap(label: str, size: float, max_px: float) -> str:
    """A chart label ('a<br>b', escaped) with every line wider than max_px broken into several."""
    out = []
    for part in str(label).split("<br>"):
        plain = html.unescape(part)
        if text_px(plain, size) <= max_px or TAG.search(part):
            out.append(part)
        else:
            out.extend(html.escape(x, quote=False) for x in _wrap_plain(plain, size, max_px))
    return "<br>".join(out)


def lines(label: str) -> int:
    return str(label).count("<br>") + 1


def widest(label: str, size: float) -> float:
    return max(text_px(part, size) for part in str(label).split("<br>"))


def _categories(fig: go.Figure) -> dict[str, list[str]]:
    """Category labels per y axis ('y', 'y2', …), in first-seen order."""
    cats: dict[str, list[str]] = {}
    for trace in fig.data:
        values = getattr(trace, "y", None)
        seen = cats.setdefault(trace.yaxis or "y", [])
        for v in list(values) if values is not None else []:
            if isinstance(v, str) and v not in seen:
                seen.append(v)
    return cats


def _rename(fig: go.Figure, renamed: dict[str, str]) -> None:
    """Apply wrapped labels to every trace and to any explicit category order."""
    for trace in fig.data:
        if getattr(trace, "y", None) is not None:
            trace.y = [renamed.get(v, v) if isinstance(v, str) else v for v in trace.y]
    for name in fig.layout:
        if name.startswith("yaxis") and fig.layout[name].categoryarray is not None:
            fig.layout[name].categoryarray = [renamed.get(v, v) for v in fig.layout[name].categoryarray]


def _slots(fig: go.Figure) -> dict[str, int]:
    """Bars side by side in one category row, per y axis. Grouped bars keep a slot for every bar trace of the axis,
    so a chart whose categories each have one bar is drawn overlaid instead (the same bars, centred on their row)."""
    if fig.layout.barmode not in (None, "group"):
        return {}
    traces: dict[str, int] = {}
    shared: dict[tuple[str, str], int] = {}
    for trace in fig.data:
        if trace.type == "bar" and trace.y is not None:
            axis = trace.yaxis or "y"
            traces[axis] = traces.get(axis, 0) + 1
            for cat in set(trace.y):
                shared[(axis, cat)] = shared.get((axis, cat), 0) + 1
    if max(shared.values(), default=1) <= 1:
        fig.update_layout(barmode="overlay")
        return {}
    return traces


def _legend_rows(fig: go.Figure, size: float, room: float) -> int:
    """Rows a horizontal legend of the shown entries takes in `room` pixels."""
    names = [tr.name for tr in fig.data if tr.name and tr.showlegend is not False]
    if fig.layout.showlegend is False or len(names) < 2 and not fig.layout.showlegend:
        return 0
    rows, used = (1 if names else 0), 0.0
    for name in dict.fromkeys(names):
        item = text_px(name, size) + 3.2 * size
        if used and used + item > room:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def _split_title(text: str) -> tuple[str, str]:
    head, _, sub = str(text or "").partition("<br>")
    return head, TAG.sub("", sub.replace("<br>", "\n"))  # the subtitle's own line breaks are kept


def _thin_ticks(fig: go.Figure, size: float, plot_px: float) -> None:
    """Keep every k-th explicit tick so that tick labels never touch."""
    for name in fig.layout:
        axis = fig.layout[name]
        if name.startswith("xaxis") and axis.dtick and axis.range:  # evenly spaced ticks (ranks): widen the step
            count = abs(axis.range[1] - axis.range[0]) / float(axis.dtick)
            axis.dtick = float(axis.dtick) * max(1, math.ceil((text_px("00", size) + size) * count / max(plot_px, 1)))
        if not name.startswith("xaxis") or axis.tickvals is None or axis.ticktext is None:
            continue
        vals, text = list(axis.tickvals), list(axis.ticktext)
        need = max((text_px(x, size) for x in text), default=0) + size
        step = max(1, math.ceil(need * len(vals) / max(plot_px, 1)))
        axis.tickvals, axis.ticktext = vals[::step], text[::step]


def _place_rows(fig: go.Figure, cats: dict[str, list[str]], row_px: dict[str, float], gap: float,
                plot_px: float, titles: list) -> None:
    """Give each subplot a height proportional to its rows, with a gap for its title and ticks between."""
    axes = sorted(cats, key=lambda a: int(a[1:] or 1))
    top = 1.0 - (gap * 0.45 / plot_px if titles else 0.0)
    for i, axis in enumerate(axes):
        span = (len(cats[axis]) + BELOW) * row_px[axis] / plot_px
        name = "yaxis" + axis[1:]
        fig.layout[name].domain = [max(0.0, top - span), top]
        # a third of a row spare below the last one: its label's lower line stays clear of the x tick labels
        fig.layout[name].range = [-0.5 - BELOW, len(cats[axis]) - 0.5]
        if i < len(titles):
            titles[i].update(y=top, yanchor="bottom", yref="paper")
        top -= span + gap / plot_px


@dataclass
class Bands:
    """The pixel bands of a laid-out chart: label column, value room, title and legend above, ticks and source
    below, and the rows in between."""

    left: float
    right: float
    top: float
    bottom: float
    rows: float  # the rows and the gaps between subplots, at their natural size
    ticks: float


def _value_room(out: go.Figure, size: float) -> float:
    """Right margin: the widest value text written beside a bar, which may run past the axis end."""
    texts = [str(x) for tr in out.data if tr.type == "bar" and tr.text is not None and not isinstance(tr.text, str)
             for x in tr.text]
    return max([2 * size] + [widest(x, size) + 0.5 * size for x in texts])  # a text of two lines: its longer


def _rows(out: go.Figure, cats: dict[str, list[str]], size: float, titles: list) -> tuple[dict[str, float], float]:
    """Height of one row per y axis (its tallest label, or the bars side by side) and the gap between subplots."""
    slots = _slots(out)
    row_px = {a: max(max([lines(c) for c in labels] or [1]) * size * LINE, slots.get(a, 1) * size * 1.5)
              + 0.6 * size for a, labels in cats.items()}
    gap = (LINE * size + 2.2 * size) if len(cats) > 1 or titles else 0.0
    return row_px, gap


def _title(out: go.Figure, size: float, width: float) -> tuple[str, float]:
    """The title and subtitle wrapped to the width, and the pixels they take."""
    head, sub = _split_title(out.layout.title.text)
    title_size, sub_size = round(size * 1.3), round(size * 0.9)
    head = wrap(head, title_size, width - 2 * size)
    sub = "<br>".join(wrap(html.escape(part, quote=False), sub_size, width - 2 * size)
                      for part in sub.split("\n")) if sub else ""
    # every title line, the <sup> subtitle's too, advances by 1.3 em of the title's type
    px = (lines(head) + (lines(sub) if sub else 0)) * title_size * LINE + size
    return head + (f"<br><sup>{sub}</sup>" if sub else ""), px


def source_size(size: float) -> int:
    """Type of the source line: smaller than the labels, but never under 20 px where labels are 20 px or more (a
    projector slide's smallest text)."""
    return max(11, round(size * 0.8)) if size < 20 else max(20, round(size * 0.8))


def _source(source, size: float, width: float) -> tuple[str, float]:
    """The source line wrapped to the width, and the pixels it takes."""
    if source is None:
        return "", 0.0
    text = wrap(source.text, source_size(size), width - 2 * size)
    return text, lines(text) * source_size(size) * LINE


def unfit(fig: go.Figure) -> None:
    """Put back the labels, title and source line as they were built, before a fit wrapped them to its width: a
    chart fitted for the desk is fitted again for a slide or an export from its own texts, not from lines broken
    for 480 px."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    saved = meta.get(FIT_META)
    if not saved:
        return
    _rename(fig, saved["labels"])
    fig.layout.title.text = saved["title"]
    for note in fig.layout.annotations or []:
        if note.name == "source" and saved["source"] is not None:
            note.text = saved["source"]
    fig.layout.meta = {k: v for k, v in meta.items() if k != FIT_META} or None


def fit(fig: go.Figure, size: float = 15, width: float = 640, min_height: float = 0,
        label_share: float = 0.4) -> go.Figure:
    """A copy of a horizontal chart laid out for type `size` at `width` pixels: nothing overlaps, nothing is cut."""
    out = go.Figure(fig)
    unfit(out)
    cats = _categories(out)
    renamed = {c: wrap(c, size, max(6 * size, label_share * width)) for labels in cats.values() for c in labels}
    _rename(out, renamed)
    cats = {a: [renamed[c] for c in labels] for a, labels in cats.items()}
    notes = list(out.layout.annotations or [])
    source = next((n for n in notes if n.name == "source"), None)
    titles = [n for n in notes if n.name != "source"]
    meta = out.layout.meta if isinstance(out.layout.meta, dict) else {}
    saved = {"labels": {shown: built for built, shown in renamed.items()}, "title": out.layout.title.text,
             "source": source.text if source is not None else None}
    row_px, gap = _rows(out, cats, size, titles)
    left = max([widest(c, size) for labels in cats.values() for c in labels] or [0]) + size
    title_text, title_px = _title(out, size, width)
    source_text, source_px = _source(source, size, width)
    right = _value_room(out, size)
    legend_px = _legend_rows(out, size, width - left - right) * size * 1.75  # plotly wraps at the plot's edge
    bands = Bands(left, right, title_px + legend_px + 0.6 * size, 2.2 * size + source_px + 0.8 * size,
                  _rows_px(cats, row_px, gap, titles), 2.2 * size)
    height = max(min_height, bands.top + max(bands.rows, 4 * size) + bands.bottom)
    plot_px = height - bands.top - bands.bottom  # a taller (fixed-size) frame gives the rows more room
    scale = plot_px / max(1.0, bands.rows)
    _place_rows(out, cats, {a: r * scale for a, r in row_px.items()}, gap * scale, plot_px, titles)
    _thin_ticks(out, size, width - left - bands.right)
    for note in titles:
        note.update(font={"size": round(size)})
    if source is not None:
        source.update(text=source_text, y=-(bands.ticks + 0.3 * size) / plot_px, yanchor="top", x=0,
                      xanchor="left", xref="paper", font={"size": source_size(size), "color": INK},
                      xshift=-left + size)
    _apply(out, notes, bands, size, width, height, plot_px, title_text)
    out.layout.meta = {**meta, FIT_META: saved}
    return out


def _apply(out: go.Figure, notes: list, bands: Bands, size: float, width: float, height: float, plot_px: float,
           title_text: str) -> None:
    """Write the computed layout: margins (no auto-margins), title, legend band, type sizes."""
    title_size = round(size * 1.3)
    out.update_layout(
        annotations=notes, height=round(height), font={"size": size, "color": INK},
        margin={"l": round(bands.left), "r": round(bands.right), "t": round(bands.top), "b": round(bands.bottom),
                "autoexpand": False, "pad": 0},
        # plotly puts the first line's baseline (not its top) at y when a title has several lines
        title={"text": title_text, "x": 0.5 * size / width, "xref": "container", "xanchor": "left",
               "y": 1 - (0.5 * size + title_size) / height, "yref": "container", "yanchor": "top",
               "font": {"size": title_size, "color": "#111111"}},
        legend={"orientation": "h", "x": 0, "xref": "paper", "xanchor": "left",
                "y": 1 + (0.3 * size) / plot_px, "yanchor": "bottom", "yref": "paper", "font": {"size": size}},
        uniformtext={"minsize": max(10, round(size * 0.8)), "mode": "show"})
    out.update_yaxes(automargin=False, tickfont={"size": size, "color": INK})
    out.update_xaxes(automargin=False, tickfont={"size": size, "color": INK})
    out.update_traces(textfont={"size": size}, selector={"type": "bar"})
    out.update_traces(textfont={"size": size}, selector={"type": "scatter"})


def _rows_px(cats: dict[str, list[str]], row_px: dict[str, float], gap: float, titles: list) -> float:
    """Pixels the rows, the gaps between subplots and the first subplot title take at their natural size."""
    natural = sum((len(labels) + BELOW) * row_px[a] for a, labels in cats.items()) + gap * max(0, len(cats) - 1)
    return natural + (gap * 0.45 if titles else 0.0)
