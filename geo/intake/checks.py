"""Looking at a report's bytes before any parser does: is it the type its name says, is it text in an encoding we
accept, would it decompress to far more than it is. Each check raises a refusal (an IntakeError with a reason the
app shows in the user's language) and costs a bounded amount of time and memory, whatever the file."""
from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from contextlib import contextmanager
from typing import Any, Iterator

from geo import settings
from geo.intake.errors import IntakeError, refusal

SAMPLE = 64 * 1024  # bytes looked at to choose the encoding of a text
CHUNK = 1024 * 1024  # bytes decompressed at a time
MIB = 1024 * 1024
# Compressed data has no place in a report of these types; trafilatura would silently inflate some of it.
COMPRESSED = ((b"\x1f\x8b", "gzip"), (b"\x28\xb5\x2f\xfd", "zstd"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"),
              (b"PK\x03\x04", "zip"), (b"\x04\x22\x4d\x18", "lz4"), (b"7z\xbc\xaf\x27\x1c", "7z"))
# C0 controls other than tab, line breaks, form feed and the old DOS end-of-file mark: binary, not text.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
XML_PART = re.compile(r".*\.(xml|rels)$", re.IGNORECASE)
UTF16 = (b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")
FORM_DEPTH = 32  # form XObjects drawn inside form XObjects
HTML_MAX_DEPTH = 1000  # open elements of a web page, estimated from its tags (libxml2 itself stops at 256)
HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
# Not counted as opening a level: void elements, and those whose end tag HTML lets a page leave out (a page full of
# unclosed <p> or <li> is sloppy, not deep).
UNCOUNTED = frozenset("area base br col embed hr img input link meta param source track wbr p li dt dd td th tr "
                      "option optgroup thead tbody tfoot colgroup caption rb rt rp".split())


def stated_type(raw: bytes, name: str, suffix: str) -> None:
    """Refuse bytes that are not of the type the file's name states."""
    if suffix == ".pdf" and b"%PDF-" not in raw[:1024]:
        raise refusal(name, "refuse_not_type", kind="PDF")
    if suffix == ".docx" and not raw.startswith(b"PK\x03\x04"):
        raise refusal(name, "refuse_not_type", kind="DOCX")
    if suffix in (".html", ".htm", ".txt"):
        kind = next((kind for magic, kind in COMPRESSED if raw.startswith(magic)), None)
        if kind:
            raise refusal(name, "refuse_compressed" if suffix != ".txt" else "refuse_not_text", kind=kind)


def text(raw: bytes, name: str) -> str:
    """Strict UTF-8 (with or without BOM), else strict GB18030, chosen on the first SAMPLE bytes; anything else, or
    text full of control characters (binary data that happens to decode), is refused."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)("strict").decode(raw[:SAMPLE], final=len(raw) <= SAMPLE)
            decoded = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(CONTROL.findall(decoded[:SAMPLE])) > max(1, len(decoded[:SAMPLE]) // 100) or "\x00" in decoded:
            break
        return decoded
    raise refusal(name, "refuse_not_text")


def html_tags(html: str, name: str) -> None:
    """Refuse a page with a tag (an attribute value, say) longer than INTAKE_HTML_MAX_TAG_KB."""
    limit = settings.INTAKE_HTML_MAX_TAG_KB * 1024
    start = html.find("<")
    while start >= 0:
        end = html.find(">", start)
        if (len(html) if end < 0 else end) - start > limit:
            raise refusal(name, "refuse_tag", kb=str(settings.INTAKE_HTML_MAX_TAG_KB))
        if end < 0:
            return
        start = html.find("<", end)


def html_depth(html: str, name: str) -> None:
    """Refuse a page nested deeper than HTML_MAX_DEPTH elements (estimated: unclosed elements count as open)."""
    depth = 0
    for match in HTML_TAG.finditer(html):
        closing, tag, selfclosing = match.groups()
        if closing and tag.lower() not in UNCOUNTED:
            depth = max(0, depth - 1)
        elif not selfclosing and tag.lower() not in UNCOUNTED:
            depth += 1
            if depth > HTML_MAX_DEPTH:
                raise refusal(name, "refuse_nesting")


def length(count: int, name: str) -> None:
    """Refuse text of more than INTAKE_MAX_CHARS characters."""
    if count > settings.INTAKE_MAX_CHARS:
        raise refusal(name, "refuse_chars", limit=str(settings.INTAKE_MAX_CHARS))


def chars(text: str, name: str) -> str:
    """The text, unless it is longer than INTAKE_MAX_CHARS."""
    length(len(text), name)
    return text


def docx_archive(raw: bytes, name: str) -> None:
    """Count the parts and decompress each one in chunks (the sizes in the headers may lie), refusing too many
    parts, too many bytes in all, a bomb-like ratio, XML that is not UTF-8 and any DOCTYPE (entity expansion,
    external entities)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
        raise IntakeError(f"{name}: not a readable .docx file ({type(err).__name__})") from err
    if len(infos) > settings.INTAKE_ZIP_MAX_ENTRIES:
        raise refusal(name, "refuse_zip_entries", n=str(len(infos)), limit=str(settings.INTAKE_ZIP_MAX_ENTRIES))
    total = 0
    for info in infos:
        try:
            total = _read_part(archive, info, name, total)
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as err:
            raise refusal(name, "refuse_zip_header", part=info.filename[:80]) from err


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, total: int) -> int:
    """Decompress one part chunk by chunk; the running total of bytes decompressed so far."""
    part, size, tail = info.filename[:80], 0, b""
    xml = bool(XML_PART.match(info.filename))
    with archive.open(info) as fh:
        while chunk := fh.read(CHUNK):
            if xml and size == 0 and chunk.startswith(UTF16):
                raise refusal(name, "refuse_xml_encoding", part=part)  # UTF-16 would hide a DOCTYPE from the search
            if xml and (b"<!DOCTYPE" in tail + chunk or b"<!ENTITY" in tail + chunk):
                raise refusal(name, "refuse_doctype", part=part)
            size, total, tail = size + len(chunk), total + len(chunk), chunk[-16:]
            if total > settings.INTAKE_MAX_INFLATED_MB * MIB:
                raise refusal(name, "refuse_inflated", mb=str(settings.INTAKE_MAX_INFLATED_MB))
            if size > MIB and size > settings.INTAKE_ZIP_MAX_RATIO * max(info.compress_size, 1):
                raise refusal(name, "refuse_zip_ratio", part=part, ratio=str(settings.INTAKE_ZIP_MAX_RATIO))
    return total


def pdf_pages(document: Any, name: str) -> int:
    """The number of pages, from the page tree walked without recursion: refused when /Count or the tree holds more
    than INTAKE_PDF_MAX_PAGES, or when a node appears twice (a loop)."""
    from pdfminer.pdftypes import resolve1

    limit = settings.INTAKE_PDF_MAX_PAGES
    root = resolve1(document.catalog.get("Pages"))
    count = resolve1(root.get("Count")) if isinstance(root, dict) else None
    if isinstance(count, int) and count > limit:
        raise refusal(name, "refuse_pages", limit=str(limit))
    seen: set[int] = set()
    stack, pages = [document.catalog.get("Pages")], 0
    while stack:
        ref = stack.pop()
        key = getattr(ref, "objid", None)
        if key is not None and key in seen:
            raise refusal(name, "refuse_page_loop")
        if key is not None:
            seen.add(key)
        node = resolve1(ref)
        kids = resolve1(node.get("Kids")) if isinstance(node, dict) else None
        if isinstance(kids, list):
            stack.extend(kids)
        else:
            pages += 1
        if pages > limit or len(stack) > limit * 4:
            raise refusal(name, "refuse_pages", limit=str(limit))
    return pages


def pdf_forms(resources: Any, name: str) -> None:
    """Refuse a page whose form XObjects draw themselves, directly or through others (a loop pdfminer stops only
    for a form that draws itself), or nest deeper than FORM_DEPTH."""
    from pdfminer.pdftypes import resolve1

    stack: list[tuple[Any, tuple[Any, ...]]] = [(resources, ())]
    while stack:
        res, path = stack.pop()
        xobjects = resolve1(resolve1(res).get("XObject")) if isinstance(resolve1(res), dict) else None
        for ref in (xobjects or {}).values() if isinstance(xobjects, dict) else ():
            key = getattr(ref, "objid", None)
            if key is not None and key in path:
                raise refusal(name, "refuse_xobject_loop")
            form = resolve1(ref)
            if len(path) >= FORM_DEPTH:
                raise refusal(name, "refuse_nesting")
            if hasattr(form, "attrs") and form.attrs.get("Resources") is not None:
                stack.append((form.attrs["Resources"], (*path, key)))


class _CappedZlib:
    """Stands in for the zlib module inside pdfminer: inflates at most INTAKE_MAX_INFLATED_MB per stream."""

    error = zlib.error

    def __init__(self, name: str):
        self.name = name
        self.cap = settings.INTAKE_MAX_INFLATED_MB * MIB
        self.refused: IntakeError | None = None

    def too_big(self) -> IntakeError:
        self.refused = refusal(self.name, "refuse_inflated", mb=str(settings.INTAKE_MAX_INFLATED_MB))
        return self.refused

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, self.cap + 1)
        if len(out) > self.cap:
            raise self.too_big()
        if not inflater.eof and not inflater.unconsumed_tail:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress would, for pdfminer's repair
        return out

    def decompressobj(self) -> _CappedInflater:
        return _CappedInflater(self)


class _CappedInflater:
    """zlib.decompressobj() with the same cap (pdfminer's repair of a stream with a bad checksum uses one)."""

    def __init__(self, owner: _CappedZlib):
        self.owner, self.inflater, self.size = owner, zlib.decompressobj(), 0

    def decompress(self, data: bytes) -> bytes:
        out = self.inflater.decompress(data, self.owner.cap + 1 - self.size)
        self.size += len(out)
        if self.size > self.owner.cap:
            raise self.owner.too_big()
        return out


@contextmanager
def capped_inflate(name: str) -> Iterator[_CappedZlib]:
    """pdfminer inflates every stream whole, with no cap: while this is open it inflates through _CappedZlib, whose
    `refused` keeps the refusal (pdfplumber wraps the exceptions raised inside pdfminer)."""
    from pdfminer import pdftypes

    original, capped = pdftypes.zlib, _CappedZlib(name)
    pdftypes.zlib = capped  # type: ignore[assignment]
    try:
        yield capped
    finally:
        pdftypes.zlib = original
