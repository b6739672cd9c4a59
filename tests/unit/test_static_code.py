"""JavaScript and CSS live in static/, not in Python strings: no module in geo/ holds more than a few lines of
them, and the static files the app loads exist (a missing one would leave maps or the briefing mode unstyled)."""
import ast
import re
from pathlib import Path

from geo.maps import browser, offline
from geo.ui import briefing

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 30  # per module, all such strings together
CODE = re.compile(r"<style|<script|function\s*\(|=>|\{[^{}]*:[^{}]*;")  # a tag, a function, or a CSS rule


def code_lines(source: str) -> int:
    """Lines of the module's string constants that read as JavaScript or CSS (docstrings aside)."""
    tree = ast.parse(source)
    docs = {id(n.body[0].value) for n in ast.walk(tree) if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)
            and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return sum(n.value.count("\n") + 1 for n in ast.walk(tree) if isinstance(n, ast.Constant)
               and isinstance(n.value, str) and id(n) not in docs and CODE.search(n.value))


def test_no_module_holds_more_than_a_few_lines_of_javascript_or_css():
    found = {str(p.relative_to(ROOT)): code_lines(p.read_text(encoding="utf-8")) for p in (ROOT / "geo").rglob("*.py")}
    assert {p: n for p, n in found.items() if n > MAX_LINES} == {}


def test_the_check_counts_a_script_in_a_string():
    assert code_lines('X = """<script>\nvar a = 1;\nfunction f() {}\n</script>"""\n') == 4
    assert code_lines('def f():\n    """A docstring that says function (x) and <style>."""\n') == 0


def test_the_static_files_the_app_loads_exist():
    files = [browser.FRAME_CSS, briefing.CSS_FILE, briefing.KEYS_JS, briefing.SELECT_ALL_JS]
    files += [ROOT / "static" / path for path in offline.OWN.values()]
    assert [f for f in files if not f.is_file()] == []
    assert "window.dashMap" in (ROOT / "static" / offline.OWN["dash_map_frame"]).read_text(encoding="utf-8")
