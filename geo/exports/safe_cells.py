"""Exports that cannot run code, and file names that cannot escape or break a header.

A spreadsheet treats a cell that begins with = + - @ (and tab or CR, which some import as such) as a formula: a
label such as "=HYPERLINK(…)" in the data would run when staff open the export in Excel or WPS (OWASP "CSV
injection"). In CSV such a cell gets a leading apostrophe, as OWASP recommends; real numbers, and text that is one
(-12.5), stay numbers. In XLSX such cells are written as strings, never as formulas.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Never in a download's name: path separators, quotes, what Windows forbids in file names.
UNSAFE_NAME_CHARS = set('/\\"\'`<>:*?|')
MAX_NAME_CHARS = 150


def csv_cell(value: object) -> object:
    """The value as a CSV cell that a spreadsheet shows as text: text that could start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell passed through csv_cell (number columns untouched); headers too."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(csv_cell)
    out.columns = [csv_cell(c) for c in out.columns]
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV with safe cells and CRLF line ends: the csv module quotes a field only for the characters
    of its line terminator, so with a bare LF a CR inside a cell would end the row there and start a new one, whose
    first cell could be a formula."""
    return csv_frame(frame).to_csv(index=False, lineterminator="\r\n")


def xlsx_cell(cell) -> None:
    """An openpyxl cell that openpyxl would write as a formula (a string starting with =) is written as text."""
    if cell.data_type == "f":
        cell.data_type = "s"


def xlsx_book(book) -> None:
    """Every cell of an openpyxl workbook through xlsx_cell."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                xlsx_cell(cell)


def download_name(name: str, fallback: str = "download") -> str:
    """A file name safe to offer for download and to put in a ZIP: no path separators, quotes, control or
    direction-changing characters, no leading dots, at most MAX_NAME_CHARS characters (the extension kept)."""
    kept = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in name
                   if ch not in UNSAFE_NAME_CHARS)
    kept = re.sub(r"\s+", " ", kept).strip(" .")
    stem, dot, ext = kept.rpartition(".")
    if dot and 0 < len(ext) <= 8 and len(kept) > MAX_NAME_CHARS:
        kept = stem[: MAX_NAME_CHARS - len(ext) - 1].rstrip(" .") + "." + ext
    return kept[:MAX_NAME_CHARS] or fallback


def content_disposition(name: str) -> str:
    """An attachment header for a download: an ASCII fallback name and the real name RFC 5987 encoded
    (filename*=UTF-8''…), as RFC 6266 recommends, so Chinese names arrive intact and nothing can break the header."""
    safe = download_name(name)
    stem, dot, ext = safe.rpartition(".")
    stem, ext = (stem, ext) if dot else (safe, "")
    ascii_stem = re.sub(r"[^\x20-\x7e]|%", "", stem).strip(" .") or "download"
    ascii_ext = re.sub(r"[^A-Za-z0-9]", "", ext)
    ascii_name = ascii_stem + (f".{ascii_ext}" if ascii_ext else "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe, safe='')}"
