"""Reading a report: .txt (UTF-8, UTF-8 with BOM, GB18030), .html/.htm (the article text), .docx, .pdf with a
text layer. Every refusal is an IntakeError whose message names the file and what was expected."""
from __future__ import annotations

import io
from pathlib import Path

from geo import settings

TYPES = (".txt", ".html", ".htm", ".docx", ".pdf")


class IntakeError(Exception):
    """A report that cannot be read or holds nothing to propose; nothing is written."""


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (Chinese Windows)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IntakeError(f"{name}: not UTF-8 or GB18030 text")


def html_text(raw: bytes, name: str) -> str:
    """The article of a saved web page, without menus, ads and footers (trafilatura)."""
    import trafilatura

    html = decode(raw, name)
    # precision first (drops menus and footers); a page that leaves nothing then gets the fuller reading
    return (trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=True)
            or trafilatura.extract(html, include_comments=False, include_tables=True) or "")


def docx_text(raw: bytes, name: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as err:  # python-docx raises several types for a damaged file
        raise IntakeError(f"{name}: not a readable .docx file ({type(err).__name__})") from err
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(raw: bytes, name: str) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    except Exception as err:  # pdfminer raises many types for a damaged file
        raise IntakeError(f"{name}: not a readable PDF ({type(err).__name__})") from err


READERS = {".txt": decode, ".html": html_text, ".htm": html_text, ".docx": docx_text, ".pdf": pdf_text}


def read_bytes(raw: bytes, name: str) -> str:
    """The text of an uploaded or given file, or an IntakeError saying why there is none."""
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        raise IntakeError(f"{name}: unsupported file type “{suffix or '(none)'}”; expected one of {', '.join(TYPES)}")
    if len(raw) > settings.INTAKE_MAX_BYTES:
        raise IntakeError(f"{name}: {len(raw)} bytes, over the limit of {settings.INTAKE_MAX_BYTES} bytes "
                          f"(DASHBOARD_INTAKE_MAX_BYTES)")
    if not raw.strip():
        raise IntakeError(f"{name}: the file is empty")
    text = READERS[suffix](raw, name)
    if not text.strip():
        what = "a scanned PDF without a text layer (run OCR first)" if suffix == ".pdf" else "no text"
        raise IntakeError(f"{name}: {what}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_path(path: Path) -> str:
    path = Path(path)
    if not path.is_file():
        raise IntakeError(f"{path}: no such file")
    if path.stat().st_size > settings.INTAKE_MAX_BYTES:
        raise IntakeError(f"{path.name}: {path.stat().st_size} bytes, over the limit of "
                          f"{settings.INTAKE_MAX_BYTES} bytes (DASHBOARD_INTAKE_MAX_BYTES)")
    return read_bytes(path.read_bytes(), path.name)
