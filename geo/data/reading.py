"""Reading the curated files: strict decoding (UTF-8, UTF-8 with BOM, GB18030) and CSV rows with line numbers."""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from geo.data.schema import Table


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        col = f" column '{self.column}'" if self.column else ""
        got = f" value {self.value!r}:" if self.value is not None else ""
        return f"{where}:{col}{got} expected {self.expected}"


Rows = list[tuple[int, dict[str, str]]]  # (line number in the file, row)

# What the files may be saved as: UTF-8 (with or without the BOM Excel adds), or GB18030, a superset of the GBK
# that Excel on Chinese Windows writes for "CSV (comma delimited)". Labels are what staff are shown.
UTF8, UTF8_BOM, GB18030 = "UTF-8", "UTF-8 (BOM)", "GB18030"
DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    problem: Problem | None = None


def _line_of(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _mostly_utf8(raw: bytes) -> bool:
    """True when the bytes are UTF-8 with a few damaged characters, not text in another encoding: GBK read as
    UTF-8 yields almost only replacement characters, real UTF-8 Chinese yields mostly 3-byte characters."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7FF and ch != "\ufffd")
    return good > 4 * bad


def decode(raw: bytes, name: str) -> Decoded:
    """Text and its encoding, tried strictly: UTF-8 (BOM or not), then GB18030; never guessed into mojibake."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or raw.count(b"\x00") > len(raw) // 10:
        return Decoded(None, None, Problem(name, 1, None, None,
                                           "UTF-8 or GB18030 text; this file looks like UTF-16 (Excel 'Unicode "
                                           "Text'): save it as 'CSV UTF-8 (comma delimited)'"))
    if b"\x00" in raw:  # a stray NUL: csv and every editor treat it differently, so refuse it where it is
        return Decoded(None, None, Problem(name, _line_of(raw, raw.find(b"\x00")), None, "00",
                                           "text without NUL characters (byte 00)"))
    try:
        return Decoded(raw.decode("utf-8-sig"), UTF8_BOM if raw.startswith(codecs.BOM_UTF8) else UTF8)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _mostly_utf8(raw):
        bad = raw[utf8_error.start:utf8_error.end + 2]
        return Decoded(None, None, Problem(name, _line_of(raw, utf8_error.start), None, bad.hex(" "),
                                           "UTF-8 text; the file is UTF-8 except for a damaged character here"))
    utf8_line = _utf8_line(raw)
    if utf8_line:
        return Decoded(None, None, Problem(name, utf8_line, None, None, "one encoding for the whole file; this line "
                                                                        "is UTF-8, the rest GB18030/GBK"))
    try:
        return Decoded(raw.decode("gb18030"), GB18030)
    except UnicodeDecodeError as exc:
        return Decoded(None, None, Problem(name, _line_of(raw, exc.start), None, raw[exc.start:exc.end].hex(" "),
                                           "text in UTF-8 or GB18030/GBK; the file is in neither"))


def _utf8_line(raw: bytes) -> int | None:
    """The first line that is valid UTF-8 Chinese in a file that is not UTF-8 (a row pasted from another file):
    read as GB18030 it would turn into mojibake, often without an error."""
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            if any(ord(ch) > 0x7FF for ch in line.decode("utf-8")):
                return number
        except UnicodeDecodeError:
            continue
    return None


def read_text(path: Path, name: str) -> Decoded:
    """A text file decoded as `decode` does; a missing file is a problem, not an exception."""
    try:
        return decode(path.read_bytes(), name)
    except OSError:
        return Decoded(None, None, Problem(name, None, None, None, "the file to exist"))


def delimiter_problem(name: str, first_line: str, table: Table) -> Problem | None:
    """A file saved with semicolons or tabs (a common Excel setting) reads as one column: say so plainly."""
    for delim, label in DELIMITERS.items():
        known = sum(cell.strip().strip('"') in table.column_names for cell in first_line.split(delim))
        if known >= 2:
            return Problem(name, 1, None, first_line[:80], f"comma-separated columns; this file is separated by "
                                                           f"{label}: save it as 'CSV UTF-8 (comma delimited)'")
    return None


def header_problems(name: str, header: list[str], table: Table) -> list[Problem]:
    problems = [Problem(name, 1, col.name, None, "this column in the header") for col in table.columns
                if col.name not in header and not col.optional]
    problems += [Problem(name, 1, col, col, "only the columns " + ", ".join(table.column_names))
                 for col in header if col not in table.column_names]
    problems += [Problem(name, 1, col, col, "each column once in the header")
                 for i, col in enumerate(header) if col in header[:i]]
    return problems


def cell_count_problem(name: str, line: int, cells: list[str], width: int) -> Problem:
    why = ("a cell containing a comma must be in double quotes" if len(cells) > width
           else "a cell is missing, or a line break sits inside an unquoted cell")
    return Problem(name, line, None, ",".join(cells)[:80], f"{width} comma-separated cells, got {len(cells)} ({why})")


def read_csv(path: Path, table: Table) -> tuple[Rows, list[Problem], str | None]:
    """Read a CSV into (line, row) pairs and its encoding; header problems stop the read, cell problems do not."""
    name = path.name
    decoded = read_text(path, name)
    if decoded.problem is not None:
        return [], [decoded.problem], None
    text = decoded.text or ""
    if not text.strip():
        return [], [Problem(name, 1, None, "", "a header row: " + ",".join(table.column_names))], decoded.encoding
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    wrong_delimiter = delimiter_problem(name, text.splitlines()[0], table) if len(header) == 1 else None
    problems = [wrong_delimiter] if wrong_delimiter else header_problems(name, header, table)
    if problems:
        return [], problems, decoded.encoding
    absent = {col.name: "" for col in table.columns if col.name not in header}  # optional columns left out
    rows: Rows = []
    start = reader.line_num + 1
    for cells in reader:
        if any(c.strip() for c in cells):
            if len(cells) != len(header):
                problems.append(cell_count_problem(name, start, cells, len(header)))
            else:
                rows.append((start, {**absent, **dict(zip(header, cells))}))
        start = reader.line_num + 1
    return rows, problems, decoded.encoding


def read_rows(path: Path, table: Table) -> tuple[Rows, list[Problem]]:
    """Read a CSV into (line, row) pairs; header problems stop the read, cell problems do not."""
    rows, problems, _ = read_csv(path, table)
    return rows, problems
