"""The broken-file corpus: every way of breaking a file gets its own precise message (file, line, column, hint),
and files saved in the encodings Excel uses are read without mangling, with the right line numbers."""
import pytest

from geo.data import reading, validate
from geo.data.load import DirectorySource
from geo.data.problems_zh import expected_zh
from tests.conftest import DATA, read_csv, write_csv
from tests.unit.data.broken import CORPUS, edit_row, line_of


@pytest.mark.parametrize("breaker", CORPUS, ids=lambda f: f.__name__)
def test_each_broken_file_is_reported_precisely(data_copy, breaker):
    expect = breaker(data_copy)
    _, problems = validate.validate_dir(data_copy)
    match = [p for p in problems if p.file == expect.file and p.line == expect.line and p.column == expect.column
             and expect.text in p.expected]
    assert match, "\n".join(str(p) for p in problems[:20])
    if expect.value is not None:
        assert match[0].value == expect.value
    untranslated = [p.expected for p in problems if not has_cjk(expected_zh(p.expected).replace(p.expected, ""))]
    assert untranslated == []  # staff read the banner in Chinese


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_swapped_coordinates_are_one_problem_not_two(data_copy):
    from tests.unit.data.broken import swapped_lon_lat

    expect = swapped_lon_lat(data_copy)
    _, problems = validate.validate_dir(data_copy)
    assert [p.column for p in problems if p.line == expect.line and p.file == expect.file] == ["lon"]


def test_mixed_date_formats_in_one_file_each_say_the_format(data_copy):
    path = data_copy / "seizures.csv"
    lines = {edit_row(path, "hy-sz-002", period_start="2017/03/01"): "2017-03-01",
             edit_row(path, "hy-sz-003", period_start="2017.3.1"): "2017-03-01",
             edit_row(path, "hy-sz-004", period_end="2017年3月31日"): "2017-03-31"}
    _, problems = validate.validate_dir(data_copy)
    dated = {p.line: p.expected for p in problems if p.file == "seizures.csv" and p.column.startswith("period_")}
    assert dated == {line: f"a date as YYYY-MM-DD: write {iso}" for line, iso in lines.items()}


def test_a_wrong_delimiter_is_one_problem(data_copy):
    from tests.unit.data.broken import semicolons

    semicolons(data_copy)
    _, problems = validate.validate_dir(data_copy)
    assert len([p for p in problems if p.file == "checkpoints.csv"]) == 1


@pytest.mark.parametrize("encoding,label", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (BOM)"),
                                            ("gb18030", "GB18030"), ("gbk", "GB18030")])
def test_excel_encodings_are_read_and_reported(data_copy, encoding, label):
    for name in ("figures.csv", "places.csv"):
        text = (data_copy / name).read_text(encoding="utf-8")
        (data_copy / name).write_bytes(text.encode(encoding))
    ds = DirectorySource(data_copy).load()
    assert ds.encodings["figures.csv"] == label and ds.encodings["places.csv"] == label
    assert ds.encodings["seizures.csv"] == "UTF-8"
    _, original = read_csv(DATA / "figures.csv")
    assert list(ds["figures"]["label_zh"]) == [r["label_zh"] for r in original]  # not one character mangled


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])  # Excel on Windows writes CRLF
def test_line_numbers_stay_right_in_every_encoding_and_line_ending(data_copy, encoding, newline):
    path = data_copy / "seizures.csv"
    header, rows = read_csv(path)
    rows[0]["note"] = "a note\nover two lines"  # a quoted multi-line cell shifts the lines after it
    write_csv(path, header, rows)
    line = edit_row(path, "hy-sz-002", quantity="2.5公斤")
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", newline)
    path.write_bytes(text.encode(encoding))
    _, problems = validate.validate_dir(data_copy)
    assert line == 4 and [(p.line, p.column) for p in problems] == [(line, "quantity")]


def test_a_source_document_in_gb18030_still_matches_its_quotes(data_copy):
    path = next((data_copy / "sources").glob("000_*.txt"))
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    checked = validate.check_dir(data_copy)
    assert checked.problems == []
    assert checked.encodings[f"sources/{path.name}"] == "GB18030"


def test_gbk_is_not_mistaken_for_damaged_utf8_and_vice_versa():
    text = "编号,名称\n1,衡阳市禁毒支队缴获冰毒\n"
    assert reading.decode(text.encode("gbk"), "x.csv").encoding == "GB18030"
    damaged = text.encode("utf-8").replace("冰".encode(), b"\xe5\x86")
    decoded = reading.decode(damaged, "x.csv")
    assert decoded.text is None and decoded.problem.line == 2


def test_cli_reports_encodings_that_are_not_plain_utf8(data_copy, capsys):
    path = data_copy / "figures.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    assert validate.main([str(data_copy)]) == 0
    assert "figures.csv (GB18030)" in capsys.readouterr().out


def test_corpus_rows_are_where_the_helpers_say(data_copy):
    """The helper that finds lines is itself right: quoted multi-line cells shift later rows."""
    header, rows = read_csv(data_copy / "seizures.csv")
    rows[0]["note"] = "two\nlines"
    write_csv(data_copy / "seizures.csv", header, rows)
    assert line_of(data_copy / "seizures.csv", rows[1]["seizure_id"]) == 4
