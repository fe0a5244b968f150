"""Markdown pipe tables in .md/.txt conversions (tester defect 7): `| P 1.1 | Leadership | Good |`
rows are table rows with cells, `|---|` separator rows are not text, so a Markdown report parses
like the same report with tab-separated cells (tests/unit/extract/test_layout_variants.py) or its PDF."""

from __future__ import annotations

from pathlib import Path

from text_reports import COVER, EXPECTED, RATINGS_ONE_LINE, RECOMMENDATIONS, unit_ratings

from docextract import parse
from docextract.read.textfile import read_text

KEY_QUESTIONS = """2.1 Assessment
Key question\t%
Does assessment focus sufficiently on engaging the person on probation?\t61%
Does assessment focus sufficiently on factors linked to offending and desistance?\t70%
Does assessment focus sufficiently on keeping other people safe?\t58%
"""


def _pipes(block: str) -> str:
    """The tab-separated rows of `block` written as a Markdown pipe table (a separator row after
    the first row of each table, bold domain rows, escaped pipes left alone)."""
    out: list[str] = []
    in_table = False
    for row in block.splitlines():
        if "\t" not in row and not (in_table and row[:1].isdigit()):
            out.append(row)
            in_table = False
            continue
        cells = row.split("\t") if "\t" in row else [f"**{row}**"]
        out.append("| " + " | ".join(cells) + " |")
        if not in_table:
            out.append("|" + "|".join(":---" for _ in cells) + "|")
        in_table = True
    return "\n".join(out) + "\n"


def test_pipe_row_is_cells(tmp_path: Path) -> None:
    doc = read_text("t.md", b"| P 1.1 | Leadership | Good |\n|---|:---:|---:|\n| Score | | 8/21 |\n")
    lines = doc.pages[0].lines
    assert [line.cells for line in lines] == [("P 1.1", "Leadership", "Good"), ("Score", "", "8/21")]
    assert [line.text for line in lines] == ["P 1.1 Leadership Good", "Score 8/21"]
    assert [line.place.line for line in lines if line.place] == [1, 3]


def test_prose_with_a_pipe_is_not_a_table() -> None:
    doc = read_text("t.md", b"Leadership | a word about it\n")
    assert [line.cells for line in doc.pages[0].lines] == [("Leadership | a word about it",)]


def test_markdown_report_parses_like_tab_separated(tmp_path: Path) -> None:
    ratings = RATINGS_ONE_LINE.format(score="8/21")
    path = tmp_path / "report.md"
    path.write_text(_pipes(COVER + ratings + KEY_QUESTIONS + RECOMMENDATIONS), encoding="utf-8")
    assert "| P 1.1 | Leadership | Good |" in path.read_text(encoding="utf-8")
    report = parse(path)
    assert report.framework == "probation-pdu-2023"
    assert unit_ratings(report) == EXPECTED
    [assessment] = [s for s in report.units[0].standards if s.code == "2.1"]
    assert [q.percent for q in assessment.key_questions] == [61, 70, 58]
    assert [r.number for r in report.recommendations] == [1, 2, 3]
