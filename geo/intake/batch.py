"""Saving a proposal set (one or many reports) as one change through any TableStore: every report's accepted rows
built on top of the ones before, checked together with the existing data, then saved in one step, or, when
anything fails, every problem listed against the report and proposal it comes from and nothing written."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from geo.data.store import Entry
from geo.data.tablestore import TableStore
from geo.intake import rows
from geo.intake.sheets import Report, SheetProblem


@dataclass
class Pending:
    """A store seen with the tables and documents of the reports built so far (nothing is written)."""

    ts: TableStore
    texts: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

    def read_current(self, table: str) -> str:
        return self.texts[table] if table in self.texts else self.ts.read_current(table)

    def source_names(self) -> list[str]:
        return self.ts.source_names() + [rel.rsplit("/", 1)[-1] for rel in self.files]


@dataclass
class Plan:
    """The change a proposal set makes: new table texts and documents, where each new row came from, the hashes of
    the tables as they were read (a save made meanwhile is refused), and every problem found."""

    texts: dict[str, str]
    files: dict[str, bytes]
    expected: dict[str, str]
    where: dict[tuple[str, int], str]
    problems: list[SheetProblem]
    counts: dict[str, int]


def _record_problems(name: str, ri: int, report: Report) -> list[SheetProblem]:
    """Accepted proposals whose quote is not verbatim in the report's text: never saved."""
    chosen = report.accepted()
    return [SheetProblem(name, f"report {ri} ({report.file}) record {chosen[i].get('table')} "
                         f"#{report.records.index(chosen[i])}", "quote", chosen[i].get("quote") or "",
                         "a quote found verbatim in the report's text")
            for i in rows.unverbatim(chosen, report.text)]


def plan(ts: TableStore, reports: list[Report], user: str, name: str, when: date | None = None) -> Plan:
    """Build every report's rows and validate them all with the existing data; `name` is the proposal file."""
    pending = Pending(ts)
    expected: dict[str, str] = {}
    where: dict[tuple[str, int], str] = {}
    problems: list[SheetProblem] = []
    counts: dict[str, int] = {}
    for ri, report in enumerate(reports, start=1):
        chosen = report.accepted()
        bad = _record_problems(name, ri, report)
        if bad or not chosen:
            problems += bad
            continue
        source = report.source | ({"doc_date": when.isoformat()} if when else {})
        batch = rows.build(pending, chosen, report.text, source, user)
        for table in batch.texts:
            expected.setdefault(table, ts.current_sha(table))
            counts[table] = counts.get(table, 0) + sum(1 for r in chosen if r.get("table") == table)
        pending.texts.update(batch.texts)
        pending.files.update(batch.files)
        for (file, line), i in batch.where.items():
            where[(file, line)] = f"report {ri} ({report.file}) record {chosen[i]['table']} " \
                                  f"#{report.records.index(chosen[i])}"
    if not pending.texts and not problems:
        problems.append(SheetProblem(name, "the proposal set", "accept", None, "at least one accepted proposal"))
    if not problems:
        problems += [SheetProblem(name, where.get((p.file, p.line or 0), f"{p.file} line {p.line}"), p.column, p.value,
                                  p.expected) for p in ts.validate_candidates(pending.texts, pending.files)]
    return Plan(pending.texts, pending.files, expected, where, problems, counts)


def save(ts: TableStore, done: Plan, user: str, note: str, role: str = "", client: str = "") -> list[Entry]:
    """The checked plan in one step (one lock or transaction), with history and an audit event per table."""
    return ts.save_tables(done.texts, user, note, done.files, done.expected, role=role, client=client)
