"""Reading a report: .txt (UTF-8, UTF-8 with BOM, GB18030), .html/.htm (the article text), .docx, .pdf with a
text layer. Every refusal is an IntakeError whose message names the file and what was expected.

`read_bytes` and `read_path` (the app and the command line) parse in a child process with hard limits
(`geo.intake.sandbox`), after the checks of `geo.intake.checks`; `extract` is the parse itself, run in that child."""
from __future__ import annotations

import io
from pathlib import Path

from geo import settings
from geo.intake import checks
from geo.intake.errors import IntakeError

__all__ = ["TYPES", "IntakeError", "decode", "extract", "read_bytes", "read_path"]

TYPES = (".txt", ".html", ".htm", ".docx", ".pdf")


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (Chinese Windows); strict, chosen on a bounded sample."""
    return checks.chars(checks.text(raw, name), name)


def html_text(raw: bytes, name: str) -> str:
    """The article of a saved web page, without menus, ads and footers (trafilatura)."""
    import trafilatura

    html = checks.text(raw, name)  # decoded here, so trafilatura never sees (and never inflates) bytes
    checks.html_tags(html, name)
    checks.html_depth(html, name)
    # precision first (drops menus and footers); a page that leaves nothing then gets the fuller reading
    text = (trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=True)
            or trafilatura.extract(html, include_comments=False, include_tables=True) or "")
    return checks.chars(text, name)


def docx_text(raw: bytes, name: str) -> str:
    import docx

    checks.docx_archive(raw, name)
    try:
        document = docx.Document(io.BytesIO(raw))
    except MemoryError:
        raise
    except Exception as err:  # python-docx raises several types for a damaged file
        raise IntakeError(f"{name}: not a readable .docx file ({type(err).__name__})") from err
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return checks.chars("\n".join([p.text for p in document.paragraphs] + cells), name)


def pdf_text(raw: bytes, name: str) -> str:
    """The text layer, page by page: the page tree is walked and counted first, every stream inflates under a cap
    and the text stops at INTAKE_MAX_CHARS."""
    with checks.capped_inflate(name) as capped:
        try:
            return _pdf_pages_text(raw, name)
        except (IntakeError, MemoryError, RecursionError):
            raise
        except Exception as err:  # pdfminer raises many types for a damaged file (and pdfplumber wraps them)
            if capped.refused:
                raise capped.refused from err
            _reraise_limits(err)
            raise IntakeError(f"{name}: not a readable PDF ({type(err).__name__})") from err


def _reraise_limits(err: BaseException) -> None:
    """pdfplumber wraps what pdfminer raises: running out of memory or stack stays what it is."""
    cause: BaseException | None = err
    while cause is not None:
        if isinstance(cause, (MemoryError, RecursionError)):
            raise cause
        cause = cause.__cause__ or cause.__context__


def _pdf_pages_text(raw: bytes, name: str) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        checks.pdf_pages(pdf.doc, name)
        parts: list[str] = []
        for page in pdf.pages:
            checks.pdf_forms(page.page_obj.resources, name)
            parts.append(page.extract_text() or "")
            checks.length(sum(map(len, parts)), name)
            page.close()  # its layout is not needed again
        return "\n".join(parts)


def preload(suffix: str) -> None:
    """Import the parser of one file type and warm it up (the sandbox's fork server, once per type, before it
    forks a child to read such a file)."""
    if suffix == ".docx":
        import docx

        docx.Document()
    elif suffix == ".pdf":
        pdf_text(_tiny_pdf(), "warm-up.pdf")
    elif suffix in (".html", ".htm"):
        import trafilatura

        trafilatura.extract("<html><body><article><p>禁毒</p></article></body></html>")


def _tiny_pdf() -> bytes:
    """A one-page PDF with one line of text, to warm up pdfminer's lazily imported parts."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 "
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
               b"<< /Length 36 >>\nstream\nBT /F1 12 Tf 10 100 Td (warm) Tj ET\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + xref + b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % len(out)


READERS = {".txt": decode, ".html": html_text, ".htm": html_text, ".docx": docx_text, ".pdf": pdf_text}


def extract(raw: bytes, name: str) -> str:
    """The text of a file, parsed in this process (the sandbox's child runs this): its type checked first."""
    suffix = Path(name).suffix.lower()
    checks.stated_type(raw, name, suffix)
    return READERS[suffix](raw, name)


def read_bytes(raw: bytes, name: str) -> str:
    """The text of an uploaded or given file, or an IntakeError saying why there is none. The file is parsed in a
    child process with hard limits on memory and time (geo.intake.sandbox)."""
    from geo.intake import sandbox

    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        raise IntakeError(f"{name}: unsupported file type “{suffix or '(none)'}”; expected one of {', '.join(TYPES)}")
    if len(raw) > settings.INTAKE_MAX_BYTES:
        raise IntakeError(f"{name}: {len(raw)} bytes, over the limit of {settings.INTAKE_MAX_BYTES} bytes "
                          f"(DASHBOARD_INTAKE_MAX_BYTES)")
    if not raw.strip():
        raise IntakeError(f"{name}: the file is empty")
    text = sandbox.parse(raw, name)
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
