"""Report intake at the terminal, for batches and for review in a spreadsheet:

    python -m geo.intake propose FILE_OR_DIR [--date D] [--place ADCODE] [--format json|table] [--out FILE.json|.xlsx]
    python -m geo.intake save FILE.json|FILE.xlsx --user NAME --note TEXT

`propose` reads a report (or every report in a folder) and prints or writes its proposals; nothing is saved.
`save` checks the (reviewed) proposals with the existing data and saves them through the configured store
(geo.backend: the data folder, or the database), with history and audit; on any problem it lists them all, writes
nothing and exits with 2.
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from geo import backend
from geo.auth import accounts, audit
from geo.data.store import StoreError
from geo.data.tablestore import Unavailable
from geo.intake import batch, sheets
from geo.intake.propose import propose_text
from geo.intake.sheets import Report
from geo.intake.source import TYPES, IntakeError, read_path

TABLE_COLUMNS = ("table", "indicator", "value", "unit", "qualifier", "drug", "adcode", "place_zh", "period_label",
                 "quote")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m geo.intake", description="Propose records from reports; save "
                                     "reviewed proposals.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("propose", help="the records proposed from a report, or from every report in a folder")
    p.add_argument("file", type=Path, metavar="FILE_OR_DIR")
    p.add_argument("--date", type=date.fromisoformat, help="the document's date, YYYY-MM-DD")
    p.add_argument("--place", help="adcode of the default place for sentences that name none")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.add_argument("--out", type=Path, help="write the proposals for review: FILE.json or FILE.xlsx")
    s = sub.add_parser("save", help="check and save reviewed proposals (FILE.json or FILE.xlsx)")
    s.add_argument("file", type=Path)
    s.add_argument("--user", required=True, help="who accepted them (a staff or admin user when sign-in is on)")
    s.add_argument("--note", required=True, help="why, for the history")
    s.add_argument("--date", type=date.fromisoformat, help="override every report's document date")
    return parser.parse_args(argv)


def table(result: dict) -> str:
    """A plain-text table, one proposal a line (tab-separated, quote last)."""
    lines = ["\t".join(TABLE_COLUMNS)]
    for rec in result["records"]:
        lines.append("\t".join("" if rec.get(c) is None else str(rec.get(c)) for c in TABLE_COLUMNS))
    return "\n".join(lines)


def report_files(path: Path) -> list[Path]:
    """The report itself, or every report of a supported type in a folder (sorted, not recursive)."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TYPES)
    return [path]


def _propose_one(path: Path, args: argparse.Namespace, where: Path, learned: list) -> Report:
    text = read_path(path)  # the one function that reads a report file
    result = propose_text(text, path.name, args.date, args.place, where, learned)
    for message in result.pop("messages"):
        print(f"note: {path.name}: {message}", file=sys.stderr)
    return Report(path.name, text, result["source"], result["records"])


def _audit_refusal(err: IntakeError) -> None:
    """A file refused as hostile or malformed goes to the audit log, as the operating-system user who tried it."""
    if not err.reason:
        return
    try:
        backend.audit_log().append(audit.event(f"cli:{getpass.getuser()}", "", "intake_refused", err.file, "cli",
                                               reason=err.reason, **err.params))
    except backend.STORE_ERRORS as exc:  # the refusal stands; say the log could not be written
        print(f"note: the audit log could not be written ({type(exc).__name__})", file=sys.stderr)


def propose(args: argparse.Namespace) -> int:
    files = report_files(args.file)
    if not files:
        print(f"error: {args.file}: no report ({', '.join(TYPES)}) in this folder", file=sys.stderr)
        return 2
    where = backend.jurisdictions_dir(backend.table_store())
    learned = backend.learned_store().entries()  # what corrections in the app or a spreadsheet have taught
    reports, failed = [], 0
    for path in files:
        try:
            reports.append(_propose_one(path, args, where, learned))
        except IntakeError as err:  # one unreadable report does not stop the others
            print(f"error: {err}", file=sys.stderr)
            _audit_refusal(err)
            failed += 1
    if args.out:
        _write(reports, args.out)
    elif args.format == "table":  # a folder's reports each under their file name
        named = args.file.is_dir()
        print("\n\n".join((f"# {r.file}\n" if named else "") + table(r.__dict__) for r in reports))
    elif args.file.is_dir():
        print(json.dumps([{"file": r.file, "source": r.source, "records": r.records} for r in reports],
                         ensure_ascii=False, indent=1))
    elif reports:
        print(json.dumps({"source": reports[0].source, "records": reports[0].records}, ensure_ascii=False, indent=1))
    return 2 if failed else 0


def _write(reports: list[Report], out: Path) -> None:
    if out.suffix.lower() == ".xlsx":
        sheets.to_xlsx(reports, out)
    else:
        out.write_text(sheets.to_json(reports), encoding="utf-8")
    total = sum(len(r.records) for r in reports)
    print(f"{len(reports)} report(s), {total} proposal(s) written to {out}", file=sys.stderr)


def _role(user: str) -> tuple[str, str]:
    """(role, refusal): with sign-in on, only a staff or admin user may save."""
    users = backend.user_store().users()
    if not users:
        return "", ""
    found = users.get(user)
    if found is None or not accounts.can_edit(found.role):
        return "", f"--user {user}: not a staff or admin user of {backend.describe()}"
    return found.role, ""


def save(args: argparse.Namespace) -> int:
    reader = sheets.from_xlsx if args.file.suffix.lower() == ".xlsx" else sheets.from_json
    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return 2
    role, refusal = _role(args.user)
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 2
    reports, problems = reader(args.file)
    ts = backend.table_store()
    done = batch.plan(ts, reports, args.user, args.file.name, args.date)  # a bad cell keeps its proposed value
    problems = problems + (done.problems if reports else [])
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {args.file}; nothing was saved", file=sys.stderr)
        return 2
    entries = batch.save(ts, done, args.user, args.note, role, "cli")
    taught = _teach(ts, reports, args.user)
    if taught:
        print(f"learned {taught} phrase(s) from the corrections in {args.file}", file=sys.stderr)
    print(f"saved {len(reports)} report(s) to {backend.describe()}: "
          + ", ".join(f"{e.table} +{e.added} ~{e.changed} -{e.removed}" for e in entries))
    return 0


def _teach(ts, reports: list[Report], user: str) -> int:
    """What the spreadsheet's corrections teach: each report proposed again from its text (as it was proposed for
    review) and compared, proposal by proposal, with the rows as staff left them."""
    where, count, learned = backend.jurisdictions_dir(ts), 0, backend.learned_store().entries()
    for report in reports:
        src = report.source
        when = date.fromisoformat(src["doc_date"]) if src.get("doc_date") else None
        before = propose_text(report.text, report.file, when, src.get("default_place") or None, where,
                              learned)["records"]
        if len(before) == len(report.records):  # rows added or removed in the sheet: nothing to pair them with
            count += len(backend.teach(before, report.records, user))
    return count


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        return propose(args) if args.command == "propose" else save(args)
    except StoreError as err:  # a conflict found at the save, or a refused document
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (Unavailable, sa.exc.OperationalError) as err:
        print(f"error: {backend.describe()} unreachable; nothing was saved ({type(err).__name__})", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
