"""PDF text that copies and searches as the characters shown, and PDF metadata (title, language).

Noto Sans CJK draws 山 (U+5C71) and the Kangxi radical ⼭ (U+2F2D) with one glyph. Chromium's PDF writer (kaleido)
names such a glyph by the radical in the font's ToUnicode map, so copied text reads 平顶⼭ and a search for 平顶山
finds nothing. The glyphs are right; only the map is wrong. `fix_pdf` rewrites each ToUnicode map with the
compatibility radicals replaced by the ideographs they stand for (Unicode NFKC) and sets the title and language.
"""
from __future__ import annotations

import functools
import glob
import io
import re
import unicodedata

from fontTools.ttLib import TTCollection
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

PRODUCER = "禁毒工作地理看板 Drug-Control Operations Dashboard"
RADICALS = re.compile("[\u2e80-\u2fdf]")  # CJK Radicals Supplement and Kangxi Radicals
HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
TAG = re.compile(r"<[^>]+>")


@functools.lru_cache(maxsize=1)
def font_radicals() -> dict[int, int]:
    """Radical → ideograph drawn with the same glyph in Noto Sans CJK SC (⺠ → 民: NFKC leaves the CJK Radicals
    Supplement alone, the font says what it drew). Empty when the font is not installed."""
    paths = sorted(glob.glob("/usr/share/fonts/**/NotoSansCJK-Regular.ttc", recursive=True))
    if not paths:
        return {}
    fonts = TTCollection(paths[0], lazy=True).fonts
    sc = next((f for f in fonts if "CJK SC" in str(f["name"].getDebugName(1))), fonts[0])
    cmap = sc.getBestCmap()
    first: dict[str, int] = {}
    for code, glyph in sorted(cmap.items()):
        if 0x4E00 <= code <= 0x9FFF:
            first.setdefault(glyph, code)
    return {code: first[glyph] for code, glyph in cmap.items() if 0x2E80 <= code <= 0x2FDF and glyph in first}


def _ideograph(radical: str) -> str:
    folded = unicodedata.normalize("NFKC", radical)
    return folded if folded != radical else chr(font_radicals().get(ord(radical), ord(radical)))


def plain(text: str) -> str:
    """The ideographs radicals stand for (⼭ → 山, ⺠ → 民); any other text unchanged."""
    return RADICALS.sub(lambda m: _ideograph(m.group(0)), text)


def _utf16(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode("ascii")).decode("utf-16-be", errors="replace")


def _hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _section(data: bytes, name: bytes) -> list[bytes]:
    """The bodies of every 'begin<name> … end<name>' block of a CMap."""
    return re.findall(rb"begin" + name + rb"(.*?)end" + name, data, re.S)


def parse_cmap(data: bytes) -> dict[str, str]:
    """Character code (hex) → Unicode text, from the bfchar and bfrange blocks of a ToUnicode CMap."""
    out: dict[str, str] = {}
    for body in _section(data, b"bfchar"):
        tokens = HEX.findall(body)
        for src, dst in zip(tokens[::2], tokens[1::2]):
            out[src.decode().upper()] = _utf16(dst)
    for body in _section(data, b"bfrange"):
        for line in re.findall(rb"<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*(?:\[[^\]]*\]|<[0-9A-Fa-f]+>)", body):
            lo, hi, *dst = HEX.findall(line)
            width, start, end = len(lo), int(lo, 16), int(hi, 16)
            for i, code in enumerate(range(start, end + 1)):
                if b"[" in line:
                    text = _utf16(dst[i]) if i < len(dst) else ""
                else:
                    base = _utf16(dst[0])
                    text = base[:-1] + chr(ord(base[-1]) + i) if base else ""
                out[f"{code:0{width}X}"] = text
    return out


def write_cmap(mapping: dict[str, str], codespace: bytes) -> bytes:
    """A ToUnicode CMap of bfchar entries (at most 100 a block, as the format asks)."""
    items = sorted(mapping.items())
    blocks = []
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        lines = "\n".join(f"<{src}> <{_hex(dst)}>" for src, dst in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}\nendbfchar")
    return (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" + codespace + b"\n"
            + "\n".join(blocks).encode("ascii") + b"\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")


def _fix_cmap(stream) -> bool:
    """Rewrite one ToUnicode stream in place when it names a radical; True if it changed."""
    data = stream.get_data()
    mapping = parse_cmap(data)
    if not any(RADICALS.search(v) for v in mapping.values()):
        return False
    fixed = {k: plain(v) for k, v in mapping.items()}
    spaces = re.search(rb"\d+\s+begincodespacerange.*?endcodespacerange", data, re.S)
    codespace = spaces.group(0) if spaces else b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange"
    stream.set_data(write_cmap(fixed, codespace))
    return True


def _fonts(writer: PdfWriter):
    """Every font dictionary the pages use (page resources and form XObjects one level down)."""
    for page in writer.pages:
        resources = page.get("/Resources") or {}
        holders = [resources] + [x.get_object().get("/Resources") or {}
                                 for x in (resources.get("/XObject") or {}).values()]
        for holder in holders:
            holder = holder.get_object() if hasattr(holder, "get_object") else holder
            for font in ((holder.get("/Font") or {}).values()):
                yield font.get_object()


def lang_of(title: str) -> str:
    """'zh-CN' for a title in Chinese, else 'en'."""
    return "zh-CN" if re.search("[\u4e00-\u9fff]", title) else "en"


def set_metadata(writer: PdfWriter, title: str, lang: str | None = None, extra: dict[str, str] | None = None) -> None:
    """Title, language, producer (and any further entries) in the document information and catalog."""
    clean = " ".join(TAG.sub(" ", title.replace("<br>", " ")).split())
    writer.add_metadata({"/Title": clean, "/Producer": PRODUCER, "/Creator": PRODUCER, **(extra or {})})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang or lang_of(clean))


def fix_pdf(data: bytes, title: str, lang: str | None = None) -> bytes:
    """The PDF with radical-free ToUnicode maps, its title and language set."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    seen: set[int] = set()
    for font in _fonts(writer):
        for item in [font, *[d.get_object() for d in font.get("/DescendantFonts") or []]]:
            cmap = item.get("/ToUnicode")
            if cmap is not None and id(cmap.get_object()) not in seen:
                seen.add(id(cmap.get_object()))
                _fix_cmap(cmap.get_object())
    set_metadata(writer, title, lang)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
