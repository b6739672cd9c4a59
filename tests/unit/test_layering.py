"""Dependencies in geo/ run one way: ui → exports → maps / charts → data → basics (settings, i18n, fmt).

Each module's imports are read from its source (top-level and inside functions), so an import that runs the wrong
way fails here before it can become a cycle. Only geo/ui, pages/ and dashboard.py import Streamlit.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# rank of each part of geo: a module may import parts of a lower rank and its own part, nothing else
RANKS = {
    "geo.settings": 0, "geo.i18n": 0, "geo.fmt": 0,
    "geo.data": 1,
    "geo.maps": 2, "geo.charts": 2, "geo.auth": 2,
    "geo.intake": 2,
    "geo.exports": 3, "geo.db": 3,
    "geo.backend": 4, "geo.deploy": 4,
    "geo.ui": 5,
    # command lines act on the configured store (geo.backend), so they sit above it
    "geo.auth.__main__": 5, "geo.intake.__main__": 5, "geo.db.__main__": 5, "geo.validate": 5,
    "geo.exports.__main__": 5,
}
STREAMLIT = ("streamlit", "streamlit_folium")


def part_of(module: str) -> str:
    """The entry of RANKS a dotted module name belongs to (longest prefix)."""
    matches = [p for p in RANKS if module == p or module.startswith(p + ".")]
    if not matches:
        raise KeyError(f"{module} has no rank in RANKS: add its package to the layering table")
    return max(matches, key=len)


def imported(source: str) -> list[tuple[int, str]]:
    """(line, module) for every import in a module, `from geo import x` counted as geo.x."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "geo":
                found += [(node.lineno, f"geo.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def violations(root: Path) -> list[str]:
    """Every import in root/geo that runs against the ranks, or that brings Streamlit outside geo.ui."""
    problems = []
    for path in sorted((root / "geo").rglob("*.py")):
        name = module_name(path, root)
        if name == "geo":
            continue
        own = part_of(name)
        for line, target in imported(path.read_text(encoding="utf-8")):
            where = f"{path.relative_to(root)}:{line} imports {target}"
            if target.split(".")[0] in STREAMLIT and own != "geo.ui":
                problems.append(f"{where}: only geo.ui may import Streamlit")
            if target == "geo" or not target.startswith("geo."):
                continue
            other = part_of(target)
            if other != own and RANKS[other] >= RANKS[own]:
                problems.append(f"{where}: {own} (rank {RANKS[own]}) may not import {other} (rank {RANKS[other]})")
    return problems


def test_geo_imports_run_one_way():
    assert violations(ROOT) == []


def test_every_module_has_a_rank():
    for path in (ROOT / "geo").glob("*/*.py"):
        part_of(module_name(path, ROOT))
    for path in (ROOT / "geo").glob("*.py"):
        if path.name != "__init__.py":
            part_of(module_name(path, ROOT))


def test_every_subpackage_says_what_it_may_import():
    for init in (ROOT / "geo").glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "May import" in doc, init


@pytest.mark.parametrize("module, source, expected", [
    ("data/load.py", "from geo.maps import base\n", "geo.data (rank 1) may not import geo.maps (rank 2)"),
    ("maps/base.py", "from geo import charts\n", "geo.maps (rank 2) may not import geo.charts (rank 2)"),
    ("charts/tiles.py", "def f():\n    from geo.ui import state\n", "may not import geo.ui"),
    ("exports/pack.py", "import streamlit as st\n", "only geo.ui may import Streamlit"),
    ("fmt.py", "from geo.data.schema import TABLES\n", "geo.fmt (rank 0) may not import geo.data (rank 1)"),
])
def test_a_wrong_import_is_found(tmp_path, module, source, expected):
    path = tmp_path / "geo" / module
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    found = violations(tmp_path)
    assert len(found) == 1 and expected in found[0], found


def test_a_right_import_passes(tmp_path):
    path = tmp_path / "geo" / "ui" / "state.py"
    path.parent.mkdir(parents=True)
    path.write_text("import streamlit\nfrom geo.exports import pack\nfrom geo import settings\n", encoding="utf-8")
    assert violations(tmp_path) == []
