"""Checks on an uploaded file before it is decoded or parsed: its name, its type and its number of lines.

The uploaded file's name is only ever compared and shown, never used to build a path: what is written is
chosen by the table picked on the page (geo.data.store).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from geo import settings

# Content types browsers and operating systems send for a .csv file (Windows with Excel: application/vnd.ms-excel).
CSV_TYPES = ("text/csv", "text/plain", "application/csv", "text/x-csv", "text/comma-separated-values",
             "application/vnd.ms-excel", "application/octet-stream", "")
# The first bytes of the files most often renamed to .csv by mistake, and what they really are.
SIGNATURES = ((b"PK\x03\x04", "XLSX/ZIP"), (b"\xd0\xcf\x11\xe0", "XLS"), (b"%PDF", "PDF"), (b"\x89PNG", "PNG"),
              (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"\x1f\x8b", "GZIP"), (b"7z\xbc\xaf", "7Z"),
              (b"Rar!", "RAR"), (b"\x7fELF", "ELF"), (b"MZ\x90\x00", "EXE"), (b"{\\rtf", "RTF"))
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # reported later with the fix (save as UTF-8), not refused as binary


@dataclass(frozen=True)
class Refusal:
    """Why an upload is refused: an i18n key and the values its message names."""

    key: str
    values: dict[str, str] = field(default_factory=dict)


def content_kind(data: bytes) -> str | None:
    """What a file really is when its first bytes say it is not text (None: it may be CSV)."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return kind
    if not data.startswith(UTF16_BOMS) and b"\x00" in data[:4096]:
        return "binary"
    return None


def count_lines(data: bytes, limit: int) -> int:
    """Lines of the file, counted on the raw bytes (no decoding, no CSV parsing); stops counting past `limit`."""
    lines, start = 0, 0
    while lines <= limit:
        found = data.find(b"\n", start)
        if found < 0:
            return lines + (1 if start < len(data) else 0)
        lines, start = lines + 1, found + 1
    return lines


def check(name: str, content_type: str, data: bytes, max_rows: int = settings.UPLOAD_MAX_ROWS) -> Refusal | None:
    """The reason to refuse an upload meant to replace a CSV table, or None. The row limit counts data rows
    (lines after the header); a quoted cell that spans lines counts each line, so the count is an upper bound."""
    shown = name[-80:]
    if not name.lower().endswith(".csv"):
        return Refusal("upload_not_csv_name", {"file": shown})
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared not in CSV_TYPES:
        return Refusal("upload_type_mismatch", {"file": shown, "kind": declared})
    kind = content_kind(data)
    if kind:
        return Refusal("upload_type_mismatch", {"file": shown, "kind": kind})
    rows = count_lines(data, max_rows + 1) - 1
    if rows > max_rows:
        return Refusal("upload_too_many_rows", {"file": shown, "limit": str(max_rows)})
    return None
