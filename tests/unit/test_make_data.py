"""No build target rewrites a curated table: every Python script or module a Makefile target runs is read for
file writes, and none may write into data/ outside data/boundaries/ (data/*.csv are curated by hand and in the
app; a rebuild that overwrote them would undo every correction, or empty them on a clone)."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITE_METHODS = {"write_text", "write_bytes", "to_csv", "to_file", "replace", "rename", "touch", "unlink"}
COPIES = {"copy", "copy2", "copyfile", "copytree", "move"}  # shutil.X(source, destination)
# modules that save tables: a script of `make data` that imports one could rewrite data/*.csv through them (the
# benchmarks do import them, to time saving into a copy of the data in a temporary folder)
SAVERS = {"geo.data.store", "geo.data.tablestore", "geo.db.store", "geo.db.transfer", "geo.intake.rows"}
# a saving module a build script may import, and why it writes no curated file there
ALLOWED = {("geo/validate.py", "geo.db.transfer"): "exports the configured database into a temporary folder to "
                                                    "validate it; never writes data/"}
CURATED = re.compile(r"""['"]data['"/]|['"]data/""")


def recipes() -> dict[str, list[str]]:
    """Makefile target → its recipe's command lines."""
    found: dict[str, list[str]] = {}
    target = None
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        if line.startswith("\t") and target:
            found[target].append(line.strip())
        elif m := re.match(r"^([\w-]+):", line):
            target = m.group(1)
            found[target] = []
    return found


def python_sources(command: str) -> list[Path]:
    """The repository's Python files a command runs: `python path.py` and `python -m package.module`."""
    files = [ROOT / p for p in re.findall(r"python\S*\s+(\S+\.py)\b", command)]
    for module in re.findall(r"python\S*\s+-m\s+([\w.]+)", command):
        base = ROOT / module.replace(".", "/")
        files += [p for p in (base.with_suffix(".py"), base / "__main__.py") if p.is_file()]
    return files


def _constants(tree: ast.Module) -> dict[str, str]:
    return {t.id: ast.unparse(node.value) for node in tree.body if isinstance(node, ast.Assign)
            for t in node.targets if isinstance(t, ast.Name)}


def _resolved(expr: ast.expr, constants: dict[str, str]) -> str:
    """The target's source with module-level names (OUT = ROOT / "data" / …) spelled out."""
    text = ast.unparse(expr)
    for _ in range(5):
        text = re.sub(r"\b[A-Z_][A-Z0-9_]*\b", lambda m: f"({constants[m.group()]})" if m.group() in constants
                      else m.group(), text)
    return text


def _write_target(call: ast.Call) -> ast.expr | None:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    modes = [a.value for a in call.args[1:2] + [k.value for k in call.keywords if k.arg == "mode"]
             if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    writing = any(set(mode) & set("wax+") for mode in modes)
    if name in WRITE_METHODS and isinstance(func, ast.Attribute):
        return func.value
    if name == "open" and isinstance(func, ast.Attribute) and (writing or any(
            isinstance(a, ast.Constant) and set(str(a.value)) & set("wax+") for a in call.args[:1])):
        return func.value  # path.open("w")
    if name == "open" and isinstance(func, ast.Name) and call.args and writing:
        return call.args[0]
    if name in COPIES and len(call.args) >= 2:
        return call.args[1]
    return None


def curated_writes(source: str, savers: bool = True) -> list[str]:
    """Each write (and, with `savers`, import of a saving module) in the source that could land in data/ outside
    boundaries/."""
    tree = ast.parse(source)
    constants = _constants(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (target := _write_target(node)) is not None:
            where = _resolved(target, constants)
            if CURATED.search(where) and "boundaries" not in where:
                found.append(f"line {node.lineno}: {ast.unparse(node)[:100]}")
        if savers and isinstance(node, ast.ImportFrom | ast.Import):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            names += [f"{node.module}.{a.name}" for a in node.names] if isinstance(node, ast.ImportFrom) else []
            found += [f"line {node.lineno}: imports {n}" for n in names if n in SAVERS]
    return found


def test_no_build_target_writes_a_curated_table():
    targets = recipes()
    assert {"data", "run", "test", "bench"} <= set(targets)
    scanned = {}
    for target, commands in targets.items():
        for path in (p for c in commands for p in python_sources(c)):
            found = curated_writes(path.read_text(encoding="utf-8"), target == "data")
            where = str(path.relative_to(ROOT))
            scanned[path.relative_to(ROOT)] = [w for w in found if not any(
                (where, module) in ALLOWED and w.endswith(f"imports {module}") for module in SAVERS)]
    assert Path("scripts/build_boundaries.py") in scanned and Path("geo/validate.py") in scanned
    assert {str(p): w for p, w in scanned.items() if w} == {}


def test_make_data_rebuilds_the_boundaries_and_validates():
    commands = " ".join(recipes()["data"])
    assert "scripts/build_boundaries.py" in commands and "-m geo.validate" in commands
    assert not (ROOT / "data" / "_extract").exists() and not (ROOT / "scripts" / "merge_extracts.py").exists()


def test_the_check_finds_the_writes_that_emptied_the_tables():
    """The two ways the retired build rewrote data/*.csv, as they were written, are caught."""
    merge = ('ROOT = Path(__file__).resolve().parents[1]\n'
             'for name, spec in TABLES.items():\n'
             '    with (ROOT / "data" / spec.file).open("w", newline="", encoding="utf-8") as fh:\n'
             '        fh.write("")\n')
    jurisdictions = 'with (ROOT / "data/jurisdictions.csv").open("w", newline="") as fh:\n    pass\n'
    assert len(curated_writes(merge)) == 1 and len(curated_writes(jurisdictions)) == 1
    assert curated_writes('OUT = ROOT / "data" / "boundaries"\n(OUT / "x.geojson").write_text("")\n') == []
    assert curated_writes("from geo.data import store\n") == ["line 1: imports geo.data.store"]
