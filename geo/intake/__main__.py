"""python -m geo.intake propose FILE [--date YYYY-MM-DD] [--place ADCODE] [--format json|table]"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from geo.intake.propose import propose_text
from geo.intake.source import IntakeError, read_path

TABLE_COLUMNS = ("table", "indicator", "value", "unit", "qualifier", "drug", "adcode", "place_zh", "period_label",
                 "quote")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m geo.intake", description="Propose records from a report.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("propose", help="print the records proposed from FILE")
    p.add_argument("file", type=Path)
    p.add_argument("--date", type=date.fromisoformat, help="the document's date, YYYY-MM-DD")
    p.add_argument("--place", help="adcode of the default place for sentences that name none")
    p.add_argument("--format", choices=("json", "table"), default="json")
    return parser.parse_args(argv)


def table(result: dict) -> str:
    """A plain-text table, one proposal a line (tab-separated, quote last)."""
    lines = ["\t".join(TABLE_COLUMNS)]
    for rec in result["records"]:
        lines.append("\t".join("" if rec.get(c) is None else str(rec.get(c)) for c in TABLE_COLUMNS))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        result = propose_text(read_path(args.file), args.file.name, args.date, args.place)
    except IntakeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for message in result.pop("messages"):
        print(f"note: {message}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
