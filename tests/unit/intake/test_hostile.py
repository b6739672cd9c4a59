"""Hostile report files (tests/hostile_corpus.py, made here) are refused cleanly by `python -m geo.intake propose`:
exit 2, one message naming the file, no traceback, well within the time limit, no process over 1.5 GB, nothing
written. The child's limits hold by themselves when the checks are loosened, and good reports read as before."""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from geo import settings
from geo.intake import sandbox
from geo.intake.propose import propose_text
from geo.intake.source import IntakeError, read_bytes, read_path
from tests import hostile_corpus
from tests.conftest import DATA, ROOT

# The refusal each hostile file gets (the reason, in English), by builder.
REASONS = {
    "zip_bomb": "over 200 MB once decompressed",
    "false_sizes": "part word/document.xml is not the size its header states",
    "billion_laughs": "part word/document.xml declares a DOCTYPE",
    "xxe": "part word/document.xml declares a DOCTYPE",
    "deep_nesting": "nested too deeply",
    "flate_bomb": "over 200 MB once decompressed",
    "page_cycle": "its page tree points back at itself",
    "xobject_loop": "a drawing on a page draws itself in a loop",
    "million_pages": "more than 500 pages",
    "junk": "its bytes are not a PDF file",
    "junk_docx": "its bytes are not a DOCX file",
    "gzip_html": "it holds gzip-compressed bytes, not web page text",
    "big_attribute": "one tag is over 1024 KB",
    "random_txt": "not UTF-8 or GB18030 text",
}
# Runs a command and reports its exit code, output, time and the peak memory of it and its children (the CLI and
# the parsing child it waits for).
MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
run = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"rc": run.returncode, "out": run.stdout, "err": run.stderr, "seconds": time.monotonic() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return hostile_corpus.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    """A copy of the data folder for the command line, whose refusals go to the audit log inside it."""
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns(".last_valid", ".history", ".audit", ".intake"))
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's hash, the audit log aside."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".audit" not in p.parts}


def measured(*args: str, data: Path | None = None) -> dict:
    """`python -m geo.intake propose ARGS` in a fresh process, measured."""
    env = os.environ | ({"DASHBOARD_DATA_DIR": str(data)} if data else {})
    env.pop("DASHBOARD_DATABASE_URL", None)
    run = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "geo.intake", "propose", *args],
                         cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    return json.loads(run.stdout)


@pytest.mark.parametrize("builder", list(REASONS))
def test_cli_refuses_each_hostile_file(corpus, data_copy, builder):
    path = corpus[builder]
    before, data_before = snapshot(path.parent), snapshot(data_copy)
    run = measured(str(path), data=data_copy)
    assert run["rc"] == 2 and run["out"] == ""
    assert run["err"] == f"error: {path.name}: refused as too large or malformed ({REASONS[builder]}).\n"
    assert "Traceback" not in run["err"]
    assert run["seconds"] < 45 and run["peak_mb"] < 1536, run
    assert snapshot(path.parent) == before and snapshot(data_copy) == data_before  # nothing written
    log = (data_copy / ".audit" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    refused = [json.loads(line) for line in log if json.loads(line)["action"] == "intake_refused"]
    assert refused and refused[-1]["target"] == path.name  # who tried it is on record


@pytest.fixture
def loose(monkeypatch):
    """Checks that let every bomb through, so only the child's own limits stand in the way."""
    monkeypatch.setattr(settings, "INTAKE_MAX_INFLATED_MB", 10**6)
    monkeypatch.setattr(settings, "INTAKE_ZIP_MAX_RATIO", 10**9)
    return monkeypatch


def test_memory_limit_at_its_default_stops_a_flate_bomb(corpus, loose):
    assert settings.INTAKE_PARSE_MEMORY_MB == 1024  # the real default
    reply, _ = sandbox.run_child(corpus["flate_bomb"].read_bytes(), "flate_bomb.pdf")
    assert IntakeError.from_dict(reply["error"]).reason == "refuse_memory"
    assert reply["peak_mb"] <= 1024


def test_a_lower_memory_limit_is_said_in_the_refusal(corpus, loose):
    loose.setattr(settings, "INTAKE_PARSE_MEMORY_MB", 300)
    with pytest.raises(IntakeError) as refused:
        read_path(corpus["flate_bomb"])
    assert refused.value.localized("zh") == "flate_bomb.pdf：文件过大或结构异常，已拒绝（解压或解析后超过300 MB内存）。"


def test_wall_clock_limit_kills_the_child(tmp_path, loose):
    """16 GB to inflate from bzip2 cannot be read in a second: the parent kills the child."""
    loose.setattr(settings, "INTAKE_PARSE_SECONDS", 1)
    with pytest.raises(IntakeError, match=r"slow.docx: refused as too large or malformed \(parsing took over 1 s\)"):
        read_path(hostile_corpus.slow_docx(tmp_path))


@pytest.mark.parametrize(("status", "reason"), [(-signal.SIGSEGV, "the parser stopped abnormally"),
                                                (None, "the parser stopped abnormally"),
                                                (-signal.SIGXCPU, "parsing took over 30 s")])
def test_a_worker_that_dies_is_refused(monkeypatch, status, reason):
    monkeypatch.setattr(sandbox, "run_child", lambda raw, name: ({}, status))
    with pytest.raises(IntakeError, match=rf"x.txt: refused as too large or malformed \({reason}\)"):
        read_bytes("全市共破获毒品案件12起。".encode(), "x.txt")


def test_a_fork_server_that_died_is_started_again():
    assert read_bytes("全市共破获毒品案件12起。".encode(), "a.txt") == "全市共破获毒品案件12起。"
    sandbox._server.proc.kill()
    sandbox._server.proc.wait()
    assert read_bytes("全市共破获毒品案件13起。".encode(), "b.txt") == "全市共破获毒品案件13起。"


def test_zip_with_too_many_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "INTAKE_ZIP_MAX_ENTRIES", 5)
    path = hostile_corpus.many_parts(tmp_path, 6)
    with pytest.raises(IntakeError, match=r"6 parts in the archive, over the limit of 5"):
        read_path(path)


# --- good reports read as before -------------------------------------------------------------------------------

def before(raw: bytes, name: str) -> str:
    """The reading as it was before the sandbox and the checks: in this process, every file parsed whole."""
    suffix = Path(name).suffix
    if suffix == ".docx":
        import docx

        document = docx.Document(io.BytesIO(raw))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    text = next(t for t in (_try(raw, e) for e in ("utf-8-sig", "gb18030")) if t is not None)
    if suffix == ".html":
        import trafilatura

        options = {"include_comments": False, "include_tables": True}
        text = (trafilatura.extract(text, favor_precision=True, **options) or trafilatura.extract(text, **options)
                or "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _try(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def good_reports(folder: Path) -> list[Path]:
    """The five seed documents, in UTF-8 and GB18030, and a report as .docx (with a table), .pdf and .html."""
    from tests.unit.intake.test_files import TEXT, make_pdf

    seeds = sorted((DATA / "sources").glob("*.txt"))
    gb = folder / "seed_gb18030.txt"
    gb.write_bytes(seeds[0].read_text(encoding="utf-8").encode("gb18030"))
    import docx

    document = docx.Document()
    for line in TEXT.split("\n\n"):
        document.add_paragraph(line)
    document.add_table(rows=1, cols=2).rows[0].cells[1].text = "缴获海洛因2.5公斤"
    document.save(folder / "report.docx")
    make_pdf(folder / "report.pdf", TEXT.splitlines())
    (folder / "report.html").write_text(f"<html><body><nav>首页</nav><article><h1>禁毒</h1><p>{TEXT}</p>"
                                        "<p>全市将继续深化禁毒人民战争，保持严打高压态势。</p></article></body></html>",
                                        encoding="utf-8")
    return [*seeds, gb, folder / "report.docx", folder / "report.pdf", folder / "report.html"]


def test_good_reports_give_the_same_text_and_proposals(tmp_path):
    """The same text gives the same proposals; they are compared too for one seed and the made-up reports."""
    for n, path in enumerate(good_reports(tmp_path)):
        raw = path.read_bytes()
        old, new = before(raw, path.name), read_path(path)
        assert new == old, path.name
        if n == 0 or path.suffix != ".txt":
            assert propose_text(new, path.name) == propose_text(old, path.name), path.name


def test_sloppy_html_is_not_counted_as_deep():
    """Unclosed <p> and <li> (their end tags are optional) do not count as nesting; 1,001 open <div>s do."""
    from geo.intake import checks

    checks.html_depth("<body>" + "<p>禁毒" * 5000 + "<ul>" + "<li>一" * 5000 + "</ul></body>", "sloppy.html")
    with pytest.raises(IntakeError, match="deep.html: refused as too large or malformed \\(nested too deeply\\)"):
        checks.html_depth("<div>" * 1001, "deep.html")


def test_xml_in_utf16_is_refused(tmp_path):
    """Word writes UTF-8; a part in UTF-16 could hide a DOCTYPE from the byte search, so it is refused."""
    document = hostile_corpus._paragraph(hostile_corpus.FIGURE).decode("utf-8").replace("UTF-8", "UTF-16")
    path = hostile_corpus._docx(tmp_path / "utf16.docx", document.encode("utf-16"))
    with pytest.raises(IntakeError, match=r"part word/document.xml is not XML in UTF-8"):
        read_path(path)
