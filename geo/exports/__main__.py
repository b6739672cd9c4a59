"""`python -m geo.exports briefing --format pptx|pdf --out FILE`: the briefing as an editable PowerPoint deck or
the PDF pack, for a filter and a language, from the data folder.

An operator's tool: it reads the files directly, so it gives public records only unless `--internal` is given;
a deck or pack with internal records says so (内部资料) in its file name, cover and metadata.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import backend, settings
from geo.data.filters import Filter, public_dataset
from geo.data.load import Dataset
from geo.exports import deck, pack
from geo.exports import press as export
from geo.i18n import t


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo.exports", description="Make press and briefing files.")
    sub = parser.add_subparsers(dest="command", required=True)
    brief = sub.add_parser("briefing", help="the briefing as a PowerPoint deck (pptx) or the PDF pack (pdf)")
    brief.add_argument("--format", choices=("pptx", "pdf"), default="pptx")
    brief.add_argument("--out", type=Path, required=True, help="file to write (a folder: the usual file name)")
    brief.add_argument("--lang", choices=settings.LANGUAGES, default=settings.DEFAULT_LANGUAGE)
    brief.add_argument("--city", nargs="+", default=[], metavar="ADCODE", help="cities, e.g. 431100 430400")
    brief.add_argument("--from", dest="first", type=int, metavar="YEAR", help="first year of the period filter")
    brief.add_argument("--to", dest="last", type=int, metavar="YEAR", help="last year of the period filter")
    brief.add_argument("--internal", action="store_true",
                       help="include records marked internal (staff only: the file is marked 内部资料)")
    brief.add_argument("--data", type=Path, help="data folder (default: the configured store: the database when "
                       "DASHBOARD_DATABASE_URL is set, else $DASHBOARD_DATA_DIR or data/)")
    return parser


def _filter(args: argparse.Namespace, ds: Dataset) -> Filter:
    """The filter in the app's terms; an unknown city code is an error naming it, not an empty deck."""
    known = set(ds["jurisdictions"]["adcode"])
    unknown = [c for c in args.city if c not in known]
    if unknown:
        raise SystemExit(f"unknown city code(s): {', '.join(unknown)} (see data/jurisdictions.csv)")
    if (args.first is None) != (args.last is None):
        raise SystemExit("give both --from YEAR and --to YEAR, or neither")
    years = None if args.first is None else (min(args.first, args.last), max(args.first, args.last))
    return Filter(cities=tuple(args.city), years=years)


def briefing(args: argparse.Namespace) -> Path:
    """Write the deck or the PDF pack and return where it went."""
    full = backend.dataset(args.data)  # the folder given, else the configured store
    ds = full if args.internal else public_dataset(full)
    flt = _filter(args, ds)
    try:  # both draw charts in the export renderer (the deck its timeline), stopped before the command ends
        if args.format == "pptx":
            made = deck.build(ds, flt, args.lang)
            data, name = made.data, made.name
        else:
            data = pack.pack_pdf(pack.prepare(ds, flt, args.lang))
            name = pack.pack_name(ds, flt, args.lang, "pdf", internal=deck.holds_internal(ds))
    finally:
        export.stop_renderer()
    out = _target(args.out, name, t("deck_internal", args.lang) if deck.holds_internal(ds) else "")
    out.write_bytes(data)
    return out


def _target(out: Path, name: str, mark: str) -> Path:
    """A folder gets the usual file name; a file name given for a file with internal records gets the mark too
    ('brief.pptx' → 'brief_内部资料.pptx'), so the file says what it holds whatever it was called."""
    if out.is_dir():
        return out / name
    return out.with_name(f"{out.stem}_{mark}{out.suffix}") if mark and mark not in out.stem else out


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = briefing(args)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
