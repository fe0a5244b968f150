"""A `not_checked` finding is placed where the value it could not check is, as its message says
(bulkrec leftover 3c): an unreadable key-question percentage was reported at its standard's
ratings row ("P 2.1 Assessment Requires improvement", line 15) while the message named the key
question on line 23. Found with `validate --format json` on an invented text report."""

from __future__ import annotations

from pathlib import Path

from text_reports import COVER, RATINGS_ONE_LINE, RECOMMENDATIONS

from docextract.pipeline import validate
from docextract.validation.checks.context import Context

QUESTIONS = """2.1. Assessment
Key question\tPercentage 'Yes'
Does the assessment bring the person under supervision into the work?\t72%
Does the assessment weigh what leads to offending and what keeps people away from it?\t81%
Does the assessment look after the safety of people around them?\t66.5%
"""


def _report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    pages = [COVER, RATINGS_ONE_LINE.format(score="8/21"), QUESTIONS, RECOMMENDATIONS]
    path.write_text("\f".join(pages), encoding="utf-8")
    return path


def test_an_unreadable_key_question_is_placed_at_its_row(tmp_path: Path) -> None:
    path = _report(tmp_path)
    result = validate(path)
    [warning] = [w for w in result.report.warnings if w.code == "key_question_value_unreadable"]
    [found] = [i for i in result.issues if i.code == "not_checked"]
    lines = path.read_text(encoding="utf-8").split("\n")  # a form feed starts a page, not a line
    assert found.line == warning.line and found.page == warning.page == 3
    assert lines[found.line - 1].startswith("Does the assessment look after the safety")  # the row named ...
    assert "key question 'Does the assessment look after the safety" in found.message  # ... and the message
    assert found.quotation == "Does the assessment look after the safety of people around them?"
    assert (found.unit, found.standard) == ("Brackenford PDU", "2.1")  # still grouped under its standard


def test_the_item_a_warning_names() -> None:
    report = validate(Path(__file__).parents[1] / "fixtures" / "validate" / "warnings-pdu.txt").report
    ctx = Context(report=report)
    unit = report.units[0]
    standard = unit.standards[3]
    assert ctx.named_item("units[0].score") is unit
    assert ctx.named_item("units[0].standards[3].rating") is standard
    if standard.key_questions:
        assert ctx.named_item("units[0].standards[3].key_questions[0].percent") is standard.key_questions[0]
    assert ctx.named_item("units[0].standards[99].rating") is unit  # past the end: the deepest item there is
    for nothing in (None, "", "title", "[*]", "units[*].name", "units[7]"):
        assert ctx.named_item(nothing) is None
