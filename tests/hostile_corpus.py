"""Hostile report files, made in code (nothing of the kind is committed): each builder writes one file into a folder
and returns its path. Sizes are the smallest that still make the point: every bomb inflates past the 1 GiB the
parsing child may use (INTAKE_PARSE_MEMORY_MB), so only the checks or the limits stop it."""
from __future__ import annotations

import bz2
import gzip
import io
import random
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

GIB = 1024 ** 3
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 b'wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'officeDocument" Target="word/document.xml"/></Relationships>')
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FIGURE = "今年以来，衡阳市共破获毒品案件46起，抓获犯罪嫌疑人58名。"  # written for these tests


@lru_cache(maxsize=2)
def zeros_deflated(size: int) -> bytes:
    """`size` zero bytes as a raw deflate stream (about 1/1000 of the size). Each 16 MiB block ends in a full flush,
    which resets the compressor, so every block after the first compresses to the same bytes: two are compressed and
    the rest repeated (building 2 GiB takes a fraction of a second)."""
    squeezer, block = zlib.compressobj(9, zlib.DEFLATED, -15), bytes(16 * 1024 * 1024)
    first = squeezer.compress(block) + squeezer.flush(zlib.Z_FULL_FLUSH)
    again = squeezer.compress(block) + squeezer.flush(zlib.Z_FULL_FLUSH)
    return first + again * (size // len(block) - 1) + squeezer.flush()


def _docx(path: Path, document: bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def _paragraph(text: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W.decode()}><w:body><w:p><w:r><w:t>{text}</w:t>'
            '</w:r></w:p></w:body></w:document>').encode("utf-8")


def zip_bomb(folder: Path) -> Path:
    """A .docx whose document.xml inflates to 2 GiB of zeros (about 2 MB on disk), sizes stated honestly (its CRC
    is not: a reader stops at a size limit long before it could check one)."""
    return docx_with(folder / "zip_bomb.docx", zeros_deflated(2 * GIB), 2 * GIB, zlib.crc32(b""))


def false_sizes(folder: Path) -> Path:
    """The same bomb, but every header says document.xml is 2,000 bytes (a check that trusts them lets it through)."""
    return docx_with(folder / "false_sizes.docx", zeros_deflated(2 * GIB), 2000, 0)


def docx_with(path: Path, deflated: bytes, size: int, crc: int) -> Path:
    """A .docx whose document.xml is the given raw deflate data, its headers claiming `size` and `crc`."""
    return _replace_member(_docx(path, _paragraph(FIGURE)), "word/document.xml", deflated, size, crc)


def many_parts(folder: Path, n: int) -> Path:
    """A small .docx of `n` parts."""
    return _docx(folder / "many_parts.docx", _paragraph(FIGURE), {f"word/media/p{i}.xml": b"<a/>" for i in range(n - 3)})


def _replace_member(path: Path, member: str, deflated: bytes, size: int, crc: int) -> Path:
    """Rewrite one part of a zip with the given raw deflate data and the sizes and CRC its headers should claim."""
    with zipfile.ZipFile(path) as zf:
        others = [(i.filename, 8, zlib.compress(zf.read(i), 9)[2:-4], zlib.crc32(zf.read(i)), i.file_size)
                  for i in zf.infolist() if i.filename != member]
    return _raw_zip(path, [*others, (member, 8, deflated, crc, size)])


def _raw_zip(path: Path, parts: list[tuple[str, int, bytes, int, int]]) -> Path:
    """A zip of (name, method, compressed body, CRC, size) parts, written as given (no check of any of it)."""
    buf, central = io.BytesIO(), []
    for member, method, body, crc, size in parts:
        name, offset = member.encode(), buf.tell()
        buf.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 46, 0, method, 0, 0, crc, len(body), size, len(name), 0))
        buf.write(name + body)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 46, 46, 0, method, 0, 0, crc, len(body), size,
                                   len(name), 0, 0, 0, 0, 0, offset) + name)
    start = buf.tell()
    buf.write(b"".join(central))
    buf.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), buf.tell() - start, start, 0))
    path.write_bytes(buf.getvalue())
    return path


@lru_cache(maxsize=1)
def _zeros_bzip2(size: int) -> tuple[bytes, int]:
    zeros = bytes(size)
    return bz2.compress(zeros, 9), zlib.crc32(zeros)


def slow_docx(folder: Path, parts: int = 990) -> Path:
    """A .docx of `parts` parts, each 16 MiB of zeros compressed with bzip2 (a few dozen bytes each, sizes and CRCs
    honest): inflating 16 GB takes a minute or more, so it passes the size checks only when they are loosened, and
    then only the time limit stops it."""
    body, crc = _zeros_bzip2(16 * 1024 * 1024)
    base = [("[Content_Types].xml", 0, CONTENT_TYPES, zlib.crc32(CONTENT_TYPES), len(CONTENT_TYPES)),
            ("_rels/.rels", 0, RELS, zlib.crc32(RELS), len(RELS))]
    return _raw_zip(folder / "slow.docx", base + [(f"word/media/z{i}.xml", 12, body, crc, 16 * 1024 * 1024)
                                                  for i in range(parts)])


def billion_laughs(folder: Path) -> Path:
    """Nested entities in document.xml: ten levels of ten, a billion 'lol's if a parser expanded them."""
    lines = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    xml = (f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(lines)}]><w:document {W.decode()}><w:body><w:p><w:r>'
           '<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    return _docx(folder / "billion_laughs.docx", xml.encode())


def xxe(folder: Path) -> Path:
    """An external entity: the server's /etc/passwd as the report's text, if a parser resolved it."""
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document {W.decode()}>'
           '<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    return _docx(folder / "xxe.docx", xml.encode())


def deep_nesting(folder: Path) -> Path:
    """200,000 nested <div>s around one paragraph."""
    path = folder / "deep_nesting.html"
    path.write_text("<html><body>" + "<div>" * 200_000 + f"<p>{FIGURE}</p>" + "</div>" * 200_000 + "</body></html>",
                    encoding="utf-8")
    return path


def _pdf(path: Path, objects: list[bytes], root: int = 1) -> Path:
    """A PDF of the given objects (numbered from 1) with a correct cross-reference table."""
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    path.write_bytes(out.getvalue())
    return path


def _stream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    head = b"<< /Length %d %s%s >>" % (len(data), b"/Filter /FlateDecode " if flate else b"", extra)
    return head + b"\nstream\n" + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def flate_bomb(folder: Path) -> Path:
    """One page whose content stream inflates to 2 GiB."""
    deflated = zlib.compress(b"", 9)[:2] + zeros_deflated(2 * GIB) + struct.pack(">L", 1)  # zlib header, adler32(b"")
    return _pdf(folder / "flate_bomb.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", _stream(deflated, flate=True)])


def page_cycle(folder: Path) -> Path:
    """A page tree whose node lists itself among its kids."""
    return _pdf(folder / "page_cycle.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>", _stream(b"BT /F1 12 Tf 72 720 Td (Drug cases 46) Tj ET"), FONT])


def xobject_loop(folder: Path) -> Path:
    """Two form XObjects that draw each other, on a page with text (pdfminer stops only a form drawing itself)."""
    form = b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X 0 R >> >>"
    return _pdf(folder / "xobject_loop.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X 5 0 R >> "
        b"/Font << /F1 7 0 R >> >> /Contents 4 0 R >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (Drug cases 46) Tj ET /X Do"),
        _stream(b"/X Do", form.replace(b"/X 0 R", b"/X 6 0 R")), _stream(b"/X Do", form.replace(b"/X 0 R", b"/X 5 0 R")),
        FONT])


def million_pages(folder: Path) -> Path:
    """A page tree of a million pages (a thousand kids of a thousand kids, all the same page)."""
    kids = b"[" + b" ".join([b"4 0 R"] * 1000) + b"]"
    return _pdf(folder / "million_pages.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join([b"3 0 R"] * 1000) + b"] /Count 1000000 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids " + kids + b" /Count 1000 >>",
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] >>"])


def junk(folder: Path) -> Path:
    """Random bytes named .pdf."""
    path = folder / "junk.pdf"
    path.write_bytes(random.Random(1).randbytes(200_000))
    return path


def junk_docx(folder: Path) -> Path:
    """Random bytes named .docx."""
    path = folder / "junk.docx"
    path.write_bytes(random.Random(2).randbytes(200_000))
    return path


def gzip_html(folder: Path) -> Path:
    """A gzip-compressed web page named .html (trafilatura would inflate it)."""
    path = folder / "gzip.html"
    page = f"<html><body><p>{FIGURE}</p>" + "<p>禁毒</p>" * 1000 + "</body></html>"
    path.write_bytes(gzip.compress(page.encode("utf-8")))
    return path


def big_attribute(folder: Path) -> Path:
    """A web page with one 9 MB attribute value."""
    path = folder / "big_attribute.html"
    path.write_text(f'<html><body><div data-x="{"A" * 9_000_000}"><p>{FIGURE}</p></div></body></html>',
                    encoding="utf-8")
    return path


def random_txt(folder: Path) -> Path:
    """Random bytes named .txt."""
    path = folder / "random.txt"
    path.write_bytes(random.Random(3).randbytes(500_000))
    return path


BUILDERS = (zip_bomb, false_sizes, billion_laughs, xxe, deep_nesting, flate_bomb, page_cycle, xobject_loop,
            million_pages, junk, junk_docx, gzip_html, big_attribute, random_txt)


def build(folder: Path) -> dict[str, Path]:
    """Every hostile file, by builder name."""
    folder.mkdir(parents=True, exist_ok=True)
    return {b.__name__: b(folder) for b in BUILDERS}
