"""Export times on the curated data: first and warm chart exports, a batch of 8 charts, static maps, the whole
briefing pack and the PowerPoint deck, against the baseline of a fresh `fig.write_image` per chart (a new Chromium
each time).

Usage: python -m bench.exports        (prints a Markdown table; nothing is asserted)
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import plotly.graph_objects as go

from geo import settings
from geo.charts import records as record_charts
from geo.data.filters import Filter, apply
from geo.data.load import Dataset, load_dataset
from geo.exports import deck, pack, static_maps
from geo.exports import press as export

WARM_RUNS = 5
TARGETS = {"warm chart (PNG)": 0.4, "batch of 8 charts (PNG)": 2.0, "whole briefing pack (PDF and ZIP)": 10.0,
           "PowerPoint deck, four cities (PPTX)": 10.0}
FOUR_CITIES = Filter(tuple(settings.FOCUS_CITIES))


def timed(work) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of this Python process (matplotlib, pypdf; Chromium's work is not in it)."""
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - start, time.process_time() - cpu


def median(work, runs: int = WARM_RUNS) -> tuple[float, float]:
    """The run with the median wall time."""
    runs_ = sorted((timed(work) for _ in range(runs)), key=lambda r: r[0])
    return runs_[len(runs_) // 2]


def eight_charts(ds: Dataset) -> list[go.Figure]:
    """The three page charts in both languages, and the seizure chart for two cities: 8 distinct figures."""
    figs = []
    j, src = ds["jurisdictions"], ds["sources"]
    for lang in ("zh", "en"):
        figs += [record_charts.seizure_totals(ds["seizures"], j, src, lang),
                 record_charts.cases_ranked(ds["seizures"], ds["cases"], src, lang),
                 record_charts.demo_by_category(ds["demo_sites"], j, src, lang)]
    figs += [record_charts.seizure_totals(apply(ds["seizures"], Filter((c,))), j, src, "zh")
             for c in ("430400", "431100")]
    return [export.press_figure(f, "zh") for f in figs]


def fresh_exports(figs: list[go.Figure]) -> tuple[float, float]:
    """The baseline: plotly's own write_image per chart with no warm server (it starts Chromium each time)."""
    export.stop_renderer()
    with tempfile.TemporaryDirectory() as tmp:
        return timed(lambda: [f.write_image(Path(tmp) / f"{i}.png", width=1920, height=1080, scale=2)
                              for i, f in enumerate(figs)])


def main() -> None:
    ds = load_dataset()
    figs = eight_charts(ds)
    load = os.getloadavg()[0]
    rows = [("first chart export (starts Chromium)", timed(lambda: export.chart_bytes(figs[0], "png")))]
    for fmt in ("png", "svg", "pdf"):
        rows.append((f"warm chart ({fmt.upper()})", median(lambda fmt=fmt: export.chart_bytes(figs[0], fmt))))
    rows.append(("8 charts one call each (PNG)", median(lambda: [export.chart_bytes(f, "png") for f in figs], 3)))
    rows.append(("batch of 8 charts (PNG)", median(lambda: export.charts_bytes([(f, "png") for f in figs]), 3)))
    for fmt in ("png", "pdf"):
        rows.append((f"static map (overview, {fmt.upper()})", median(lambda fmt=fmt: static_maps.page_map(
            ds, Filter(), "zh", "overview").to_bytes(fmt), 3)))
    built = pack.briefing(ds, Filter(), "zh")
    rows.append(("briefing PDF alone (the PDF button)",
                 median(lambda: pack.pack_pdf(pack.prepare(ds, Filter(), "zh")), 3)))
    rows.append(("whole briefing pack (PDF and ZIP)", median(lambda: pack.briefing(ds, Filter(), "zh"), 3)))
    deck.build(ds, FOUR_CITIES, "zh")  # warm: the projected basemap and fonts, as on a running server
    rows.append(("PowerPoint deck, four cities (PPTX)", median(lambda: deck.build(ds, FOUR_CITIES, "zh"), 3)))
    baseline = fresh_exports(figs)
    rows.append(("baseline: 8 charts, fresh write_image each", baseline))
    print(f"Curated data; pack = {len(built.files)} files ({sum(map(len, built.files.values())) / 1e6:.1f} MB), "
          f"PDF {len(built.pdf) / 1e6:.1f} MB, ZIP {len(built.zip) / 1e6:.1f} MB; median of warm runs; "
          f"load average {load:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.\n")
    print("| export | seconds | CPU s (Python) | target | baseline ÷ this |")
    print("|---|---:|---:|---:|---:|")
    for name, (secs, cpu) in rows:
        target = TARGETS.get(name)
        ratio = f"{baseline[0] / secs:.1f}x" if "8 charts" in name else ""
        print(f"| {name} | {secs:.2f} | {cpu:.2f} | {f'≤ {target:g}' if target else ''} | {ratio} |")


if __name__ == "__main__":
    main()
