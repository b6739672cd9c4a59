"""What parsing each report in a child process costs: a report read in this process (the parse alone, its libraries
already imported, as in a warm server) against the same report read as intake reads it (a fresh child per report
with its limits, importing the parser it needs). Printed by `python -m bench.intake` after its scores.

Reports: the five seed documents (.txt) and the first seed as .docx, .html and .pdf made here (the PDF drawn by
matplotlib in Noto Sans CJK). Median of REPEAT runs each. "child peak MB" is the worker's peak resident memory
(VmHWM; pages shared with the fork server count too)."""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from geo import settings
from geo.intake import sandbox, source

REPEAT = 5
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def reports(folder: Path) -> list[Path]:
    seeds = sorted((settings.data_dir() / "sources").glob("*.txt"))
    lines = [ln for ln in seeds[0].read_text(encoding="utf-8").splitlines() if ln.strip()]
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(folder / "seed0.docx")
    body = "".join(f"<p>{ln}</p>" for ln in lines)
    (folder / "seed0.html").write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    _pdf(folder / "seed0.pdf", lines)
    return [*seeds, folder / "seed0.docx", folder / "seed0.html", folder / "seed0.pdf"]


def _pdf(path: Path, lines: list[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    matplotlib.rcParams["pdf.fonttype"] = 42
    font = font_manager.FontProperties(fname=CJK_FONT)
    fig = pyplot.figure(figsize=(8.27, 11.69))
    for i, line in enumerate(lines[:40]):
        fig.text(0.03, 0.97 - i * 0.024, line[:48], fontproperties=font, fontsize=8)
    fig.savefig(path, format="pdf")
    pyplot.close(fig)


def timed(read, raw: bytes, name: str) -> float:
    runs = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        read(raw, name)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def start_up() -> float:
    """Seconds to start this process's fork server (once per app process; each type's parser is imported on its
    first report, which the medians below leave out)."""
    if sandbox._server is not None:
        sandbox._server.stop()
    start = time.perf_counter()
    sandbox._server_path()
    return time.perf_counter() - start


def main() -> None:
    print(f"\nFork server start-up (once per app process): {start_up():.3f} s")
    print("\n| report | KB | in process (s) | child process (s) | child cost (s) | ratio | child peak MB |")
    print("|---|---|---|---|---|---|---|")
    costs = []
    with tempfile.TemporaryDirectory(prefix="bench-sandbox-") as tmp:
        for path in reports(Path(tmp)):
            raw = path.read_bytes()
            source.extract(raw, path.name)  # the libraries imported, as in a server that has read a report before
            inside = timed(source.extract, raw, path.name)
            child = timed(source.read_bytes, raw, path.name)
            peak = sandbox.run_child(raw, path.name)[0].get("peak_mb", "?")
            costs.append(child - inside)
            print(f"| {path.name[:12]} | {len(raw) / 1024:.0f} | {inside:.3f} | {child:.3f} | {child - inside:.3f} | "
                  f"{child / inside:.0f}× | {peak} |")
    print(f"| **median** | | | | {statistics.median(costs):.3f} | | |")


if __name__ == "__main__":
    main()
